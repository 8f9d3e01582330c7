/**
 * ZVT APDU (docs/zvt.md §1; spec PA00P015 ch. 2 "APDU"): 2-byte control field (CLASS/INSTR for
 * commands, CCRC/APRC for acknowledgements), a length byte (`00`–`FE`) or the extended form `FF` + 2 bytes
 * little-endian, then that many data bytes. Over TCP this is all there is on the wire (§2.2), so
 * {@link ApduStreamReader} reassembles APDUs from arbitrary chunks.
 */
import { ByteQueue } from './byte-queue.ts';
import { ZvtDecodeError, ZvtEncodeError, hex } from './errors.ts';

export interface ZvtApdu {
  /** CLASS<<8 | INSTR (or CCRC<<8 | APRC), e.g. 0x0601 Authorization, 0x8000 positive ack. */
  readonly control: number;
  readonly data: Uint8Array;
}

/** Largest data length the extended length form can express. */
export const MAX_APDU_DATA_LENGTH = 0xffff;
/** Header + largest data: the biggest APDU a reader must buffer. */
export const MAX_APDU_LENGTH = 5 + MAX_APDU_DATA_LENGTH;

/** Control fields used by this driver (docs/zvt.md §3). */
export const ZvtControl = {
  Registration: 0x0600,
  Authorization: 0x0601,
  LogOff: 0x0602,
  Completion: 0x060f,
  SendTurnoverTotals: 0x0610,
  Abort: 0x061e,
  RepeatReceipt: 0x0620,
  Reversal: 0x0630,
  Refund: 0x0631,
  EndOfDay: 0x0650,
  Diagnosis: 0x0670,
  Initialisation: 0x0693,
  AbortCommand: 0x06b0,
  PrintLine: 0x06d1,
  PrintTextBlock: 0x06d3,
  StatusInformation: 0x040f,
  IntermediateStatus: 0x04ff,
  StatusEnquiry: 0x0501,
  PositiveAck: 0x8000,
} as const;

/**
 * First bytes an APDU may start with: command classes 04/05/06/08 and the acknowledgement classes 80/84
 * (docs/zvt.md §1, §3). Anything else on a TCP stream means we lost the APDU boundaries.
 */
export const KNOWN_APDU_CLASSES: ReadonlySet<number> = new Set([0x04, 0x05, 0x06, 0x08, 0x80, 0x84]);

export function apdu(control: number, data: Uint8Array = new Uint8Array(0)): ZvtApdu {
  return { control, data };
}

export function encodeApdu(value: ZvtApdu): Uint8Array {
  const { control, data } = value;
  if (!Number.isInteger(control) || control < 0 || control > 0xffff) {
    throw new ZvtEncodeError(`control field must be 2 bytes, got ${control}`);
  }
  if (data.length > MAX_APDU_DATA_LENGTH) {
    throw new ZvtEncodeError(`APDU data of ${data.length} B exceeds ${MAX_APDU_DATA_LENGTH} B`);
  }
  const extended = data.length > 0xfe;
  const header = extended
    ? [control >> 8, control & 0xff, 0xff, data.length & 0xff, data.length >> 8]
    : [control >> 8, control & 0xff, data.length];
  const out = new Uint8Array(header.length + data.length);
  out.set(header, 0);
  out.set(data, header.length);
  return out;
}

/** What the header at `offset` says: how long the header is and how many data bytes follow. */
type HeaderInfo = { readonly kind: 'header'; readonly headerLength: 3 | 5; readonly dataLength: number };
type NeedMore = { readonly kind: 'need_more' };

function readHeader(bytes: Uint8Array, offset: number): HeaderInfo | NeedMore {
  if (bytes.length - offset < 3) return { kind: 'need_more' };
  const len = bytes[offset + 2]!;
  if (len !== 0xff) return { kind: 'header', headerLength: 3, dataLength: len };
  if (bytes.length - offset < 5) return { kind: 'need_more' };
  return { kind: 'header', headerLength: 5, dataLength: bytes[offset + 3]! | (bytes[offset + 4]! << 8) };
}

/** Decodes exactly one APDU; truncated input or bytes after it are typed errors. */
export function decodeApdu(bytes: Uint8Array): ZvtApdu {
  const header = readHeader(bytes, 0);
  if (header.kind === 'need_more') {
    throw new ZvtDecodeError('zvt.apdu_truncated', `APDU header needs 3 or 5 bytes: ${hex(bytes)}`);
  }
  const total = header.headerLength + header.dataLength;
  if (bytes.length < total) {
    throw new ZvtDecodeError('zvt.apdu_truncated', `APDU announces ${total} B, got ${bytes.length} B`);
  }
  if (bytes.length > total) {
    throw new ZvtDecodeError('zvt.apdu_trailing_bytes', `APDU is ${total} B, got ${bytes.length} B`);
  }
  return { control: (bytes[0]! << 8) | bytes[1]!, data: bytes.slice(header.headerLength, total) };
}

export type ApduReaderEvent =
  | { readonly type: 'apdu'; readonly apdu: ZvtApdu }
  | { readonly type: 'error'; readonly error: ZvtDecodeError };

/**
 * Reassembles APDUs from a TCP byte stream. Several APDUs may arrive in one chunk and one APDU may be split
 * over many. The stream has no sync marker, so the only garbage we can detect is a first byte that is not a
 * known APDU class: then the reader reports one error and ignores input until {@link reset} (the transport
 * must drop the connection — the boundaries are lost and the transaction outcome becomes unknown).
 */
export class ApduStreamReader {
  readonly #queue = new ByteQueue();
  #failed = false;
  readonly #classes: ReadonlySet<number>;

  constructor(options: { readonly knownClasses?: ReadonlySet<number> } = {}) {
    this.#classes = options.knownClasses ?? KNOWN_APDU_CLASSES;
  }

  /** Bytes held for an APDU not yet complete. */
  get pending(): number {
    return this.#queue.length;
  }

  get failed(): boolean {
    return this.#failed;
  }

  reset(): void {
    this.#queue.clear();
    this.#failed = false;
  }

  push(chunk: Uint8Array): ApduReaderEvent[] {
    if (this.#failed || chunk.length === 0) return [];
    this.#queue.append(chunk);
    const events: ApduReaderEvent[] = [];
    for (;;) {
      const bytes = this.#queue.view();
      if (bytes.length === 0) break;
      const cls = bytes[0]!;
      if (!this.#classes.has(cls)) {
        this.#failed = true;
        this.#queue.clear();
        events.push({
          type: 'error',
          error: new ZvtDecodeError('zvt.apdu_unknown_class', `unexpected APDU class ${hex(bytes, 8)}`),
        });
        break;
      }
      const header = readHeader(bytes, 0);
      if (header.kind === 'need_more') break;
      const total = header.headerLength + header.dataLength;
      if (bytes.length < total) break;
      events.push({
        type: 'apdu',
        apdu: { control: (cls << 8) | bytes[1]!, data: bytes.slice(header.headerLength, total) },
      });
      this.#queue.consume(total);
    }
    return events;
  }
}

/** `80 00 00`: positive acknowledgement (docs/zvt.md §3). */
export const POSITIVE_ACK: ZvtApdu = { control: ZvtControl.PositiveAck, data: new Uint8Array(0) };

/** `84 xx 00`: negative acknowledgement with reason/result code xx. */
export function negativeAck(code: number): ZvtApdu {
  if (!Number.isInteger(code) || code < 0 || code > 0xff) throw new ZvtEncodeError(`bad nack code ${code}`);
  return { control: 0x8400 | code, data: new Uint8Array(0) };
}

/** `80 xx` is positive; Portalum also treats `84 00` as positive (docs/zvt.md §3). */
export function isPositiveAck(value: ZvtApdu): boolean {
  return value.control === 0x8000 || value.control === 0x8400;
}

export function isNegativeAck(value: ZvtApdu): boolean {
  return value.control >> 8 === 0x84 && value.control !== 0x8400;
}
