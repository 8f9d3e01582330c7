/**
 * Streaming ESC/POS decoder (escpos.md §1–§6): bytes in, commands out, split anywhere.
 *
 * Two readers look at the same stream, as in an Epson printer:
 * - the real-time reader sees every byte as it arrives and reports `DLE EOT n` wherever it sits, even
 *   inside QR or image data (§6: "the printer reacts to 10 04 n anywhere in the byte stream");
 * - the command parser turns complete commands into `EscPosCommand`s and keeps an incomplete tail
 *   until more bytes arrive. A `DLE EOT n` it meets between commands is consumed silently, because
 *   the real-time reader has already answered it.
 * Pure: no I/O, no clock. Never throws on any input.
 */
import { decodeText } from './codepages.ts';

export type StatusRequestKind = 1 | 2 | 3 | 4;
export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';
export type CutMode = 'full' | 'partial';

export type EscPosCommand =
  | { kind: 'text'; text: string; byteCount: number }
  | { kind: 'initialize' }
  | { kind: 'code_page'; n: number }
  | { kind: 'international_set'; n: number }
  | { kind: 'print_mode'; n: number }
  | { kind: 'bold'; on: boolean }
  | { kind: 'underline'; n: number }
  | { kind: 'font'; n: number }
  | { kind: 'char_size'; n: number }
  | { kind: 'align'; n: number }
  | { kind: 'line_feed' }
  | { kind: 'carriage_return' }
  | { kind: 'tab' }
  | { kind: 'feed_lines'; n: number }
  | { kind: 'feed_dots'; n: number }
  | { kind: 'line_spacing'; dots: number | null }
  /** `feedBeforeCut` is null for the bare forms (m 0/1/48/49), n for the feed-and-cut forms. */
  | { kind: 'cut'; m: number; mode: CutMode; feedBeforeCut: number | null }
  | { kind: 'qr_model'; n1: number }
  | { kind: 'qr_module_size'; n: number }
  | { kind: 'qr_error_correction'; n: number }
  | { kind: 'qr_store'; data: Uint8Array }
  | { kind: 'qr_print' }
  | { kind: 'qr_size_info' }
  | { kind: 'barcode'; m: number; data: Uint8Array }
  /** Form A barcode whose data held a byte out of range: Epson drops it and parses on from that byte. */
  | { kind: 'barcode_rejected'; m: number; reason: string }
  | { kind: 'barcode_height'; n: number }
  | { kind: 'barcode_width'; n: number }
  | { kind: 'barcode_hri'; n: number }
  | { kind: 'barcode_hri_font'; n: number }
  | { kind: 'raster'; m: number; widthBytes: number; height: number; data: Uint8Array }
  | { kind: 'inline_status_request'; n: number }
  | { kind: 'paper_status_request'; n: number }
  | { kind: 'asb'; n: number }
  /** A known command that has no effect on the page model (beeper, drawer pulse, page mode…). */
  | { kind: 'ignored'; name: string; byteCount: number }
  | { kind: 'unknown'; bytes: readonly number[]; description: string };

export type DecodeResult = {
  /** DLE EOT requests found in this chunk, in order: answer them at once (escpos.md §6). */
  readonly statusRequests: readonly StatusRequestKind[];
  readonly commands: readonly EscPosCommand[];
};

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const EOT = 0x04;

/** Longest form A barcode data we wait for before giving up (Epson caps symbols far below this). */
const FORM_A_MAX = 255;

type Parsed = { readonly length: number; readonly command: EscPosCommand | null };
const NEED_MORE = null;

function hex(b: number): string {
  return `0x${b.toString(16).padStart(2, '0')}`;
}

function unknownSingle(b: number): Parsed {
  return { length: 1, command: { kind: 'unknown', bytes: [b], description: `unknown byte ${hex(b)}` } };
}

function unknownAfter(prefix: string, bytes: Uint8Array, i: number, length: number): Parsed {
  const all = Array.from(bytes.subarray(i, i + length));
  const rest = all.slice(1).map(hex).join(' ');
  return {
    length,
    command: { kind: 'unknown', bytes: all, description: `unknown byte ${rest} after ${prefix}` },
  };
}

function ignored(name: string, length: number): Parsed {
  return { length, command: { kind: 'ignored', name, byteCount: length } };
}

function one(length: number, command: EscPosCommand): Parsed {
  return { length, command };
}

export class EscPosDecoder {
  private pending: Uint8Array = new Uint8Array(0);
  /** Real-time reader: 0 idle, 1 after DLE, 2 after DLE EOT. */
  private realtimeState = 0;
  /** Character state the parser needs to turn bytes into text (ESC t / ESC R, reset by ESC @). */
  private codePage = 0;
  private internationalSet = 0;

  /** Feeds the next bytes of the stream. */
  push(chunk: Uint8Array): DecodeResult {
    const statusRequests = this.scanRealtime(chunk);
    const buf = this.pending.length === 0 ? chunk : concat(this.pending, chunk);
    const commands: EscPosCommand[] = [];
    let i = 0;
    while (i < buf.length) {
      const parsed = this.parseAt(buf, i);
      if (parsed === NEED_MORE) break;
      if (parsed.command !== null) commands.push(parsed.command);
      i += parsed.length;
    }
    this.pending = buf.slice(i);
    return { statusRequests, commands };
  }

  /** Bytes held back because the command they start is not complete yet. */
  pendingByteCount(): number {
    return this.pending.length;
  }

  /** Power cycle: forget everything, including a half-received command. */
  reset(): void {
    this.pending = new Uint8Array(0);
    this.realtimeState = 0;
    this.codePage = 0;
    this.internationalSet = 0;
  }

  private scanRealtime(chunk: Uint8Array): StatusRequestKind[] {
    const found: StatusRequestKind[] = [];
    for (const b of chunk) {
      if (this.realtimeState === 2 && b >= 1 && b <= 4) {
        found.push(b as StatusRequestKind);
        this.realtimeState = 0;
      } else if (this.realtimeState === 1 && b === EOT) {
        this.realtimeState = 2;
      } else {
        this.realtimeState = b === DLE ? 1 : 0;
      }
    }
    return found;
  }

  private parseAt(b: Uint8Array, i: number): Parsed | null {
    const c = b[i]!;
    if (c >= 0x20) return this.parseText(b, i);
    switch (c) {
      case 0x0a:
        return one(1, { kind: 'line_feed' });
      case 0x0d:
        return one(1, { kind: 'carriage_return' });
      case 0x09:
        return one(1, { kind: 'tab' });
      case 0x0c:
        return ignored('FF (page mode only)', 1);
      case 0x18:
        return ignored('CAN (page mode only)', 1);
      case ESC:
        return this.parseEsc(b, i);
      case GS:
        return this.parseGs(b, i);
      case FS:
        return this.parseFs(b, i);
      case DLE:
        return this.parseDle(b, i);
      default:
        return unknownSingle(c);
    }
  }

  private parseText(b: Uint8Array, i: number): Parsed {
    let end = i;
    while (end < b.length && b[end]! >= 0x20) end++;
    const bytes = b.subarray(i, end);
    return one(end - i, {
      kind: 'text',
      text: decodeText(bytes, this.codePage, this.internationalSet),
      byteCount: end - i,
    });
  }

  private parseDle(b: Uint8Array, i: number): Parsed | null {
    if (i + 1 >= b.length) return NEED_MORE;
    const fn = b[i + 1]!;
    if (fn === EOT || fn === 0x05) {
      if (i + 2 >= b.length) return NEED_MORE;
      const n = b[i + 2]!;
      if (fn === 0x05) return ignored('DLE ENQ (real-time recovery request)', 3);
      if (n >= 1 && n <= 4) return one(3, { kind: 'inline_status_request', n });
      return unknownAfter('DLE', b, i, 3);
    }
    if (fn === 0x14) {
      // DLE DC4 fn 1 (drawer pulse) and fn 2 (power off) take two more bytes.
      if (i + 2 >= b.length) return NEED_MORE;
      const sub = b[i + 2]!;
      if (sub === 1 || sub === 2) {
        if (i + 4 >= b.length) return NEED_MORE;
        return ignored('DLE DC4', 5);
      }
    }
    return unknownSingle(DLE);
  }

  private parseEsc(b: Uint8Array, i: number): Parsed | null {
    if (i + 1 >= b.length) return NEED_MORE;
    const fn = b[i + 1]!;
    const arg = (k: number): number | undefined => b[i + 1 + k];
    // Commands with one parameter byte.
    const oneArg = (make: (n: number) => Parsed): Parsed | null => {
      const n = arg(1);
      return n === undefined ? NEED_MORE : make(n);
    };
    switch (fn) {
      case 0x40: // ESC @
        this.codePage = 0;
        this.internationalSet = 0;
        return one(2, { kind: 'initialize' });
      case 0x74: // ESC t n
        return oneArg((n) => {
          this.codePage = n;
          return one(3, { kind: 'code_page', n });
        });
      case 0x52: // ESC R n
        return oneArg((n) => {
          this.internationalSet = n;
          return one(3, { kind: 'international_set', n });
        });
      case 0x21:
        return oneArg((n) => one(3, { kind: 'print_mode', n }));
      case 0x45:
        return oneArg((n) => one(3, { kind: 'bold', on: (n & 1) === 1 }));
      case 0x47: // ESC G double-strike looks like emphasis on thermal heads
        return oneArg((n) => one(3, { kind: 'bold', on: (n & 1) === 1 }));
      case 0x2d:
        return oneArg((n) => one(3, { kind: 'underline', n }));
      case 0x4d:
        return oneArg((n) => one(3, { kind: 'font', n }));
      case 0x61:
        return oneArg((n) => one(3, { kind: 'align', n }));
      case 0x64:
        return oneArg((n) => one(3, { kind: 'feed_lines', n }));
      case 0x4a:
        return oneArg((n) => one(3, { kind: 'feed_dots', n }));
      case 0x32:
        return one(2, { kind: 'line_spacing', dots: null });
      case 0x33:
        return oneArg((n) => one(3, { kind: 'line_spacing', dots: n }));
      case 0x69: // ESC i / ESC m: legacy partial cuts
      case 0x6d:
        return one(2, { kind: 'cut', m: fn, mode: 'partial', feedBeforeCut: null });
      case 0x20:
      case 0x25:
      case 0x3d:
      case 0x3f:
      case 0x4b:
      case 0x54:
      case 0x55:
      case 0x56:
      case 0x65:
      case 0x72:
      case 0x75: // ESC u
      case 0x7b:
        return oneArg(() => ignored(`ESC ${String.fromCharCode(fn)}`, 3));
      case 0x4c:
      case 0x53:
      case 0x76:
        return ignored(`ESC ${String.fromCharCode(fn)}`, 2);
      case 0x24:
      case 0x5c:
        return i + 3 < b.length ? ignored(`ESC ${String.fromCharCode(fn)}`, 4) : NEED_MORE;
      case 0x63: // ESC c 3/4/5 n
        return i + 3 < b.length ? ignored('ESC c', 4) : NEED_MORE;
      case 0x70: // ESC p m t1 t2 (drawer pulse)
        return i + 4 < b.length ? ignored('ESC p', 5) : NEED_MORE;
      case 0x57: // ESC W: page mode area, 8 parameter bytes
        return i + 9 < b.length ? ignored('ESC W', 10) : NEED_MORE;
      case 0x44: // ESC D n1…nk NUL (k ≤ 32)
        return this.parseUntilNul(b, i, 2, 33, 'ESC D');
      case 0x28: // ESC ( fn pL pH …
        return this.parseLengthPrefixed(b, i, 'ESC (', () => null);
      case 0x2a: // ESC * m nL nH d…
        return this.parseBitImage(b, i);
      case 0x26: // ESC & y c1 c2 [x d1…d(y×x)]…
        return this.parseUserChars(b, i);
      default:
        return unknownAfter('ESC', b, i, 2);
    }
  }

  private parseGs(b: Uint8Array, i: number): Parsed | null {
    if (i + 1 >= b.length) return NEED_MORE;
    const fn = b[i + 1]!;
    const n = b[i + 2];
    const oneArg = (make: (v: number) => Parsed): Parsed | null => (n === undefined ? NEED_MORE : make(n));
    switch (fn) {
      case 0x21:
        return oneArg((v) => one(3, { kind: 'char_size', n: v }));
      case 0x56:
        return this.parseCut(b, i);
      case 0x28:
        return this.parseLengthPrefixed(b, i, 'GS (', (sub, data) => (sub === 0x6b ? parseQr(data) : null));
      case 0x6b:
        return this.parseBarcode(b, i);
      case 0x68:
        return oneArg((v) => one(3, { kind: 'barcode_height', n: v }));
      case 0x77:
        return oneArg((v) => one(3, { kind: 'barcode_width', n: v }));
      case 0x48:
        return oneArg((v) => one(3, { kind: 'barcode_hri', n: v }));
      case 0x66:
        return oneArg((v) => one(3, { kind: 'barcode_hri_font', n: v }));
      case 0x72:
        return oneArg((v) => one(3, { kind: 'paper_status_request', n: v }));
      case 0x61:
        return oneArg((v) => one(3, { kind: 'asb', n: v }));
      case 0x76:
        return this.parseRaster(b, i);
      case 0x38: // GS 8 L p1 p2 p3 p4 … (32-bit length graphics)
        return this.parseGs8L(b, i);
      case 0x42:
      case 0x49:
      case 0x62:
      case 0x2f:
      case 0x54:
        return oneArg(() => ignored(`GS ${String.fromCharCode(fn)}`, 3));
      case 0x3a:
        return ignored('GS :', 2);
      case 0x4c:
      case 0x57:
      case 0x50:
      case 0x24:
      case 0x5c:
        return i + 3 < b.length ? ignored(`GS ${String.fromCharCode(fn)}`, 4) : NEED_MORE;
      default:
        return unknownAfter('GS', b, i, 2);
    }
  }

  private parseFs(b: Uint8Array, i: number): Parsed | null {
    if (i + 1 >= b.length) return NEED_MORE;
    const fn = b[i + 1]!;
    switch (fn) {
      case 0x2e: // FS . cancel Kanji mode (drivers send it before single-byte text)
      case 0x26:
        return ignored(`FS ${String.fromCharCode(fn)}`, 2);
      case 0x21:
      case 0x2d:
      case 0x43:
      case 0x57:
        return i + 2 < b.length ? ignored(`FS ${String.fromCharCode(fn)}`, 3) : NEED_MORE;
      case 0x70:
      case 0x53:
        return i + 3 < b.length ? ignored(`FS ${String.fromCharCode(fn)}`, 4) : NEED_MORE;
      case 0x28:
        return this.parseLengthPrefixed(b, i, 'FS (', () => null);
      default:
        return unknownAfter('FS', b, i, 2);
    }
  }

  /** GS V m / GS V m n (escpos.md §4). */
  private parseCut(b: Uint8Array, i: number): Parsed | null {
    if (i + 2 >= b.length) return NEED_MORE;
    const m = b[i + 2]!;
    if (m === 0 || m === 48) return one(3, { kind: 'cut', m, mode: 'full', feedBeforeCut: null });
    if (m === 1 || m === 49) return one(3, { kind: 'cut', m, mode: 'partial', feedBeforeCut: null });
    if ([65, 66, 97, 98, 103, 104].includes(m)) {
      if (i + 3 >= b.length) return NEED_MORE;
      const mode: CutMode = m % 2 === 1 ? 'full' : 'partial';
      return one(4, { kind: 'cut', m, mode, feedBeforeCut: b[i + 3]! });
    }
    return unknownAfter('GS V', b, i, 3);
  }

  /** GS k, form A (m 0–6, NUL-terminated) and form B (m 65–78, explicit length), escpos.md §4. */
  private parseBarcode(b: Uint8Array, i: number): Parsed | null {
    if (i + 2 >= b.length) return NEED_MORE;
    const m = b[i + 2]!;
    if (m <= 6) {
      for (let j = i + 3; j < b.length; j++) {
        const d = b[j]!;
        if (d === 0) return one(j + 1 - i, { kind: 'barcode', m, data: b.slice(i + 3, j) });
        if (d < 0x20 || d > 0x7e || j - (i + 3) >= FORM_A_MAX) {
          return one(j - i, { kind: 'barcode_rejected', m, reason: `byte ${hex(d)} in form A data` });
        }
      }
      return NEED_MORE;
    }
    if (m >= 65 && m <= 78) {
      if (i + 3 >= b.length) return NEED_MORE;
      const n = b[i + 3]!;
      if (i + 4 + n > b.length) return NEED_MORE;
      return one(4 + n, { kind: 'barcode', m, data: b.slice(i + 4, i + 4 + n) });
    }
    return unknownAfter('GS k', b, i, 3);
  }

  /** `X ( fn pL pH d…`: every command of this family carries its own length. */
  private parseLengthPrefixed(
    b: Uint8Array,
    i: number,
    name: string,
    interpret: (fn: number, data: Uint8Array) => EscPosCommand | null,
  ): Parsed | null {
    if (i + 4 >= b.length) return NEED_MORE;
    const fn = b[i + 2]!;
    const p = b[i + 3]! + b[i + 4]! * 256;
    if (i + 5 + p > b.length) return NEED_MORE;
    const command = interpret(fn, b.slice(i + 5, i + 5 + p));
    return command === null ? ignored(`${name} ${String.fromCharCode(fn)}`, 5 + p) : one(5 + p, command);
  }

  /** GS v 0 m xL xH yL yH d… (escpos.md §5). */
  private parseRaster(b: Uint8Array, i: number): Parsed | null {
    if (i + 2 >= b.length) return NEED_MORE;
    if (b[i + 2] !== 0x30) return unknownAfter('GS v', b, i, 3);
    if (i + 7 >= b.length) return NEED_MORE;
    const m = b[i + 3]!;
    const widthBytes = b[i + 4]! + b[i + 5]! * 256;
    const height = b[i + 6]! + b[i + 7]! * 256;
    const k = widthBytes * height;
    if (i + 8 + k > b.length) return NEED_MORE;
    return one(8 + k, { kind: 'raster', m, widthBytes, height, data: b.slice(i + 8, i + 8 + k) });
  }

  private parseGs8L(b: Uint8Array, i: number): Parsed | null {
    if (i + 2 >= b.length) return NEED_MORE;
    if (b[i + 2] !== 0x4c) return unknownAfter('GS 8', b, i, 3);
    if (i + 6 >= b.length) return NEED_MORE;
    const p = b[i + 3]! + b[i + 4]! * 0x100 + b[i + 5]! * 0x10000 + b[i + 6]! * 0x1000000;
    if (i + 7 + p > b.length) return NEED_MORE;
    return ignored('GS 8 L', 7 + p);
  }

  private parseBitImage(b: Uint8Array, i: number): Parsed | null {
    if (i + 4 >= b.length) return NEED_MORE;
    const m = b[i + 2]!;
    const n = b[i + 3]! + b[i + 4]! * 256;
    const k = m === 0 || m === 1 ? n : m === 32 || m === 33 ? 3 * n : -1;
    if (k < 0) return unknownAfter('ESC *', b, i, 5);
    if (i + 5 + k > b.length) return NEED_MORE;
    return ignored('ESC *', 5 + k);
  }

  private parseUserChars(b: Uint8Array, i: number): Parsed | null {
    if (i + 4 >= b.length) return NEED_MORE;
    const y = b[i + 2]!;
    const c1 = b[i + 3]!;
    const c2 = b[i + 4]!;
    if (c1 < 0x20 || c2 < c1 || c2 > 0x7e) return unknownAfter('ESC', b, i, 2);
    let j = i + 5;
    for (let c = c1; c <= c2; c++) {
      if (j >= b.length) return NEED_MORE;
      j += 1 + y * b[j]!;
    }
    return j > b.length ? NEED_MORE : ignored('ESC &', j - i);
  }

  private parseUntilNul(b: Uint8Array, i: number, start: number, max: number, name: string): Parsed | null {
    for (let j = i + start; j < b.length; j++) {
      if (b[j] === 0) return ignored(name, j + 1 - i);
      if (j - (i + start) + 1 >= max) return ignored(name, j + 1 - i);
    }
    return NEED_MORE;
  }
}

/** GS ( k with cn 0x31 is QR (escpos.md §3); other symbols (PDF417, MaxiCode…) are only skipped. */
function parseQr(data: Uint8Array): EscPosCommand | null {
  if (data.length < 2 || data[0] !== 0x31) return null;
  const fn = data[1]!;
  const n = data[2];
  switch (fn) {
    case 0x41:
      return n === undefined ? null : { kind: 'qr_model', n1: n };
    case 0x43:
      return n === undefined ? null : { kind: 'qr_module_size', n };
    case 0x45:
      return n === undefined ? null : { kind: 'qr_error_correction', n };
    case 0x50:
      // m (0x30) sits before the data; pL pH counted it together with cn and fn.
      return data.length < 3 ? null : { kind: 'qr_store', data: data.slice(3) };
    case 0x51:
      return { kind: 'qr_print' };
    case 0x52:
      return { kind: 'qr_size_info' };
    default:
      return null;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Decodes a whole byte string at once (tests, tools). */
export function decodeAll(bytes: Uint8Array): DecodeResult {
  return new EscPosDecoder().push(bytes);
}
