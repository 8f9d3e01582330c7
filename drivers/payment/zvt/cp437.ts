/**
 * Code page 437, the default charset of ZVT texts (docs/zvt.md §1, packet-zvt.c). WHATWG TextDecoder does
 * not know it, so the upper half is tabled here; bytes below 0x80 are ASCII.
 */
const UPPER =
  'ÇüéâäàåçêëèïîìÄÅ' +
  'ÉæÆôöòûùÿÖÜ¢£¥₧ƒ' +
  'áíóúñÑªº¿⌐¬½¼¡«»' +
  '░▒▓│┤╡╢╖╕╣║╗╝╜╛┐' +
  '└┴┬├─┼╞╟╚╔╩╦╠═╬╧' +
  '╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀' +
  'αßΓπΣσµτΦΘΩδ∞φε∩' +
  '≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

const REVERSE: ReadonlyMap<string, number> = new Map(Array.from(UPPER, (c, i) => [c, 0x80 + i] as const));

export function decodeCp437(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : UPPER[b - 0x80];
  return out;
}

/** Characters CP437 lacks become `?` (the PT would print garbage for them anyway). */
export function encodeCp437(text: string): Uint8Array {
  const out: number[] = [];
  for (const c of text) {
    const code = c.codePointAt(0)!;
    out.push(code < 0x80 ? code : (REVERSE.get(c) ?? 0x3f));
  }
  return Uint8Array.from(out);
}
