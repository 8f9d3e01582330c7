/**
 * ISO 7816-4 file access over a connection: SELECT (§11.2.2) and READ BINARY (§11.3.3) of a whole
 * transparent EF in the largest chunks the card gives. The DNIe selects one FID at a time and has no
 * extended APDUs (dnie.md §3), so reads start at Le=256 and shrink to what the card answers through 6Cxx.
 */
import type { CommandApdu, ResponseApdu } from './apdu.ts';
import { StatusWordError } from './errors.ts';
import { statusWordText, SW } from './status-word.ts';

export interface ApduChannel {
  transmit(command: CommandApdu): Promise<ResponseApdu>;
}

/** Offsets in READ BINARY P1-P2 have 15 bits (bit 8 of P1 set means a short EF identifier). */
const MAX_OFFSET = 0x7fff;

function ok(response: ResponseApdu, what: string): Uint8Array {
  if (response.sw !== SW.OK) throw new StatusWordError(response.sw, statusWordText(response.sw), what);
  return response.data;
}

/** SELECT by DF name (P1=04); returns the FCI. */
export async function selectByName(channel: ApduChannel, name: Uint8Array): Promise<Uint8Array> {
  return ok(await channel.transmit({ cla: 0, ins: 0xa4, p1: 0x04, p2: 0x00, data: name }), 'SELECT by name');
}

/** SELECT by 2-byte FID in the current DF (P1=00); returns the FCI. */
export async function selectFid(channel: ApduChannel, fid: number): Promise<Uint8Array> {
  const data = Uint8Array.of((fid >> 8) & 0xff, fid & 0xff);
  return ok(
    await channel.transmit({ cla: 0, ins: 0xa4, p1: 0x00, p2: 0x00, data }),
    `SELECT ${fid.toString(16)}`,
  );
}

export interface ReadResult {
  readonly data: Uint8Array;
  /** READ BINARY commands it took (after 6Cxx re-sends, which the channel does itself). */
  readonly reads: number;
  /** The chunk the card settled on. */
  readonly chunk: number;
}

/** Reads the current EF to its end: stops at 6B00 (offset past the end), 6282 or a short read. */
export async function readCurrentFile(
  channel: ApduChannel,
  options: { firstLe?: number } = {},
): Promise<ReadResult> {
  const parts: Uint8Array[] = [];
  let offset = 0;
  let le = options.firstLe ?? 256;
  let reads = 0;
  for (;;) {
    if (offset > MAX_OFFSET) break;
    const response = await channel.transmit({ cla: 0, ins: 0xb0, p1: offset >> 8, p2: offset & 0xff, le });
    reads++;
    if (response.sw === SW.WRONG_OFFSET && offset > 0) break;
    if (response.sw === SW.END_OF_FILE) {
      parts.push(response.data);
      offset += response.data.length;
      break;
    }
    const data = ok(response, `READ BINARY at ${offset}`);
    if (data.length === 0) break;
    parts.push(data);
    offset += data.length;
    if (data.length < le) {
      // The card gave less (6Cxx): that is its chunk, or the end of the file.
      if (reads > 1 && data.length < le) break;
      le = data.length;
    }
  }
  const out = new Uint8Array(offset);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return { data: out, reads, chunk: le };
}
