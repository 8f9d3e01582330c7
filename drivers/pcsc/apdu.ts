/**
 * Command and response APDU codec (ISO/IEC 7816-4 §5.1, §5.2). Pure: bytes in, typed values out.
 *
 * A command is short (Lc and Le in one byte each, Le=00 meaning 256) unless its data is longer than 255
 * bytes or its Le larger than 256; then it is extended (a 00 marker, then 2-byte Lc/Le, Le=0000 meaning 65536).
 * The DNIe has no extended APDUs and no chaining (dnie.md §3); extended encoding is here for other cards.
 */
import { ApduFormatError } from './errors.ts';

export interface CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  /** Command data (Lc is its length). Empty or absent: no Lc field. */
  readonly data?: Uint8Array;
  /** Expected response length, 1..65536. Absent: no Le field (ISO 7816-4 case 1 or 3). */
  readonly le?: number;
}

export interface ResponseApdu {
  readonly data: Uint8Array;
  /** SW1 << 8 | SW2. */
  readonly sw: number;
}

export const MAX_SHORT_LC = 255;
export const MAX_SHORT_LE = 256;
export const MAX_EXTENDED_LC = 65535;
export const MAX_EXTENDED_LE = 65536;

function checkByte(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) {
    throw new ApduFormatError(`${name}=${value} is not a byte`);
  }
}

/** True when the command needs the extended form (ISO 7816-4 §5.1). */
export function needsExtended(command: CommandApdu): boolean {
  const lc = command.data?.length ?? 0;
  return lc > MAX_SHORT_LC || (command.le !== undefined && command.le > MAX_SHORT_LE);
}

/** Encodes a command APDU; short unless the lengths need extended (or `forceExtended`). */
export function encodeCommandApdu(
  command: CommandApdu,
  options: { forceExtended?: boolean } = {},
): Uint8Array {
  checkByte('CLA', command.cla);
  checkByte('INS', command.ins);
  checkByte('P1', command.p1);
  checkByte('P2', command.p2);
  const data = command.data ?? new Uint8Array(0);
  const le = command.le;
  if (data.length > MAX_EXTENDED_LC) throw new ApduFormatError(`Lc=${data.length} too long`);
  if (le !== undefined && (!Number.isInteger(le) || le < 1 || le > MAX_EXTENDED_LE)) {
    throw new ApduFormatError(`Le=${le} outside 1..65536`);
  }
  const extended = options.forceExtended === true || needsExtended(command);
  const out: number[] = [command.cla, command.ins, command.p1, command.p2];
  if (!extended) {
    if (data.length > 0) out.push(data.length, ...data);
    if (le !== undefined) out.push(le === 256 ? 0 : le);
    return Uint8Array.from(out);
  }
  // Extended: one 00 marker byte, then Lc (2 bytes) and/or Le (2 bytes; 3 bytes 00 hi lo when there is no Lc).
  if (data.length > 0) {
    out.push(0, data.length >> 8, data.length & 0xff, ...data);
    if (le !== undefined) out.push((le >> 8) & 0xff, le & 0xff);
  } else if (le !== undefined) {
    out.push(0, (le >> 8) & 0xff, le & 0xff);
  }
  return Uint8Array.from(out);
}

/** Decodes a command APDU (the card side; used by tests and tools). Throws only ApduFormatError. */
export function decodeCommandApdu(bytes: Uint8Array): CommandApdu {
  if (bytes.length < 4) throw new ApduFormatError(`command of ${bytes.length} bytes, header needs 4`);
  const [cla, ins, p1, p2] = [bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!];
  const body = bytes.subarray(4);
  const header = { cla, ins, p1, p2 };
  if (body.length === 0) return header;
  if (body.length === 1) return { ...header, le: body[0] === 0 ? 256 : body[0]! };
  const b0 = body[0]!;
  if (b0 !== 0) {
    // Short case 3 or 4.
    const lc = b0;
    if (body.length === 1 + lc) return { ...header, data: body.slice(1) };
    if (body.length === 2 + lc) {
      const le = body[1 + lc]!;
      return { ...header, data: body.slice(1, 1 + lc), le: le === 0 ? 256 : le };
    }
    throw new ApduFormatError(`short Lc=${lc} does not match body of ${body.length} bytes`);
  }
  // Extended (first body byte 00 and more than one body byte).
  if (body.length === 3) {
    const le = (body[1]! << 8) | body[2]!;
    return { ...header, le: le === 0 ? 65536 : le };
  }
  const lc = (body[1]! << 8) | body[2]!;
  if (lc === 0) throw new ApduFormatError('extended Lc of 0');
  if (body.length === 3 + lc) return { ...header, data: body.slice(3) };
  if (body.length === 5 + lc) {
    const le = (body[3 + lc]! << 8) | body[4 + lc]!;
    return { ...header, data: body.slice(3, 3 + lc), le: le === 0 ? 65536 : le };
  }
  throw new ApduFormatError(`extended Lc=${lc} does not match body of ${body.length} bytes`);
}

/** Splits a response APDU into data and status word (ISO 7816-4 §5.2). */
export function decodeResponseApdu(bytes: Uint8Array): ResponseApdu {
  if (bytes.length < 2) throw new ApduFormatError(`response of ${bytes.length} bytes has no status word`);
  const n = bytes.length;
  return { data: bytes.slice(0, n - 2), sw: (bytes[n - 2]! << 8) | bytes[n - 1]! };
}

export function encodeResponseApdu(response: ResponseApdu): Uint8Array {
  const out = new Uint8Array(response.data.length + 2);
  out.set(response.data);
  out[out.length - 2] = (response.sw >> 8) & 0xff;
  out[out.length - 1] = response.sw & 0xff;
  return out;
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}
