/** The card side's own reading of a command APDU (ISO 7816-4 §5.1), short form only: the DNIe has no extended APDUs (dnie.md §3). */
export interface CardCommand {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data: Uint8Array;
  /** Ne as sent (00 = 256); undefined when there is no Le byte. */
  readonly le: number | undefined;
}

export interface CardResponse {
  readonly data: Uint8Array;
  readonly sw: number;
}

/** Returns undefined for bytes that are not a well-formed short APDU (the card answers 6700). */
export function parseCommand(bytes: Uint8Array): CardCommand | undefined {
  if (bytes.length < 4) return undefined;
  const header = { cla: bytes[0]!, ins: bytes[1]!, p1: bytes[2]!, p2: bytes[3]! };
  const body = bytes.subarray(4);
  if (body.length === 0) return { ...header, data: new Uint8Array(0), le: undefined };
  if (body.length === 1) return { ...header, data: new Uint8Array(0), le: body[0] === 0 ? 256 : body[0]! };
  const lc = body[0]!;
  if (lc === 0) return undefined;
  if (body.length === 1 + lc) return { ...header, data: body.slice(1), le: undefined };
  if (body.length === 2 + lc) {
    const le = body[1 + lc]!;
    return { ...header, data: body.slice(1, 1 + lc), le: le === 0 ? 256 : le };
  }
  return undefined;
}

export function respond(sw: number, data: Uint8Array = new Uint8Array(0)): CardResponse {
  return { data, sw };
}

export function encodeResponse(response: CardResponse): Uint8Array {
  const out = new Uint8Array(response.data.length + 2);
  out.set(response.data);
  out[out.length - 2] = (response.sw >> 8) & 0xff;
  out[out.length - 1] = response.sw & 0xff;
  return out;
}
