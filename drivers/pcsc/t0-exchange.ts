/**
 * The T=0 response rules the host must apply itself (ISO 7816-3 §10.3.5/§10.3.6 via ISO 7816-4 §5.3.4,
 * dnie.md §2): on 61xx fetch the rest with GET RESPONSE `00 C0 00 00 xx` while the card says 61xx; on
 * 6Cxx send the same command again with Le=xx. Pure over an injected `transmit` so it can be tested
 * without a card; the PC/SC transport passes its raw transmit.
 */
import { type CommandApdu, decodeResponseApdu, encodeCommandApdu, type ResponseApdu } from './apdu.ts';
import { ApduFormatError } from './errors.ts';

export type RawTransmit = (command: Uint8Array) => Promise<Uint8Array>;

export interface ExchangeOptions {
  /** Upper bound on GET RESPONSE rounds, so a card that keeps answering 61xx cannot loop us forever. */
  readonly maxGetResponse?: number;
  /**
   * On T=0 a case-4 command carries no Le; the answer comes back through 61xx (dnie.md §2). When true,
   * Le is dropped from commands that have data.
   */
  readonly dropCase4Le?: boolean;
}

const DEFAULT_MAX_GET_RESPONSE = 64;

export async function exchangeT0(
  command: CommandApdu,
  transmit: RawTransmit,
  options: ExchangeOptions = {},
): Promise<ResponseApdu> {
  const first =
    options.dropCase4Le === true && (command.data?.length ?? 0) > 0 && command.le !== undefined
      ? { cla: command.cla, ins: command.ins, p1: command.p1, p2: command.p2, data: command.data! }
      : command;
  let response = decodeResponseApdu(await transmit(encodeCommandApdu(first)));
  if (response.sw >> 8 === 0x6c) {
    // 6Cxx: wrong Le; xx is the exact length (00 = 256). Re-send once with it.
    const le = (response.sw & 0xff) === 0 ? 256 : response.sw & 0xff;
    response = decodeResponseApdu(await transmit(encodeCommandApdu({ ...first, le })));
  }
  const parts: Uint8Array[] = [response.data];
  const limit = options.maxGetResponse ?? DEFAULT_MAX_GET_RESPONSE;
  let rounds = 0;
  while (response.sw >> 8 === 0x61) {
    if (++rounds > limit) throw new ApduFormatError(`card still answers 61xx after ${limit} GET RESPONSE`);
    const le = (response.sw & 0xff) === 0 ? 256 : response.sw & 0xff;
    // GET RESPONSE keeps the class byte's logical channel bits; the DNIe has none, so CLA 00 (dnie.md §2).
    response = decodeResponseApdu(await transmit(encodeCommandApdu({ cla: 0, ins: 0xc0, p1: 0, p2: 0, le })));
    parts.push(response.data);
  }
  return { data: concat(parts), sw: response.sw };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
