/** Helpers of the CLI (main.ts), apart so tests can import them without starting the simulator. */

/** `\xHH`, `\r`, `\n`, `\t` escapes, so a prefix like STX can be typed on a command line. */
export function unescapeArgument(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|r|n|t|\\)/g, (_all, code: string) => {
    if (code === 'r') return '\r';
    if (code === 'n') return '\n';
    if (code === 't') return '\t';
    if (code === '\\') return '\\';
    return String.fromCharCode(Number.parseInt(code.slice(1), 16));
  });
}
