/**
 * AIM symbology identifiers (ISO/IEC 15424): `]` + a code character + a modifier character, which a
 * scanner can be told to put before the data (spanish-formats.md §1.1: `]C1` is GS1-128, Code 128
 * with FNC1 in first position; `]C0` is plain Code 128). The driver reports it apart from the text.
 */
import { type Scan, scanOf } from './scan.ts';

const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;

/** Splits a leading AIM identifier off `text`; the text is returned whole when there is none. */
export function splitAimIdentifier(text: string): Scan {
  const match = AIM_PREFIX.exec(text);
  if (match === null) return { text };
  return scanOf(text.slice(3), match[0]);
}

/** Bytes to text one byte per character (latin-1): barcode data is ASCII, and no byte is lost. */
export function bytesToText(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}

/** Text to bytes one character per byte (latin-1); characters above U+00FF become `?`. */
export function textToBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes[i] = code <= 0xff ? code : 0x3f;
  }
  return bytes;
}
