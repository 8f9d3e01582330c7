/**
 * The card side of DNIe secure messaging (dnie.md §4.2), the simulator's own code: checks and opens a
 * protected command, protects a response. 2-key 3DES-CBC IV 0; ISO 9797-1 MAC algorithm 3 computed here
 * as DES-CBC under K1 (3DES with K1 K1 K1) and a final E(K1)·D(K2)·E(K1); SSC as a BigInt mod 2^64.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { cat, readTlvs, same, tlv } from './bytes.ts';

export interface CardSmSession {
  readonly kenc: Uint8Array;
  readonly kmac: Uint8Array;
  ssc: bigint;
  readonly macLength: number;
}

function sscBytes(ssc: bigint): Uint8Array {
  return Uint8Array.from(Buffer.from((ssc & 0xffffffffffffffffn).toString(16).padStart(16, '0'), 'hex'));
}

function padded(data: Uint8Array): Uint8Array {
  const length = data.length + 8 - (data.length % 8);
  const out = new Uint8Array(length);
  out.set(data);
  out[data.length] = 0x80;
  return out;
}

function crypt(
  name: string,
  key: Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
  encrypt: boolean,
): Uint8Array {
  const c = encrypt ? createCipheriv(name, key, iv) : createDecipheriv(name, key, iv);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

export function cardMac(kmac: Uint8Array, ssc: bigint, message: Uint8Array, length: number): Uint8Array {
  const data = padded(cat(sscBytes(ssc), message));
  const k1 = kmac.slice(0, 8);
  let state: Uint8Array = new Uint8Array(8);
  const singleDes = cat(k1, k1, k1);
  for (let i = 0; i < data.length; i += 8) {
    const block = data.slice(i, i + 8).map((b, j) => b ^ state[j]!);
    state =
      i + 8 < data.length
        ? crypt('des-ede3-cbc', singleDes, new Uint8Array(8), block, true)
        : crypt('des-ede-cbc', kmac.slice(0, 16), new Uint8Array(8), block, true);
  }
  return state.slice(0, length);
}

export type OpenedCommand =
  | {
      readonly ok: true;
      readonly cla: number;
      readonly ins: number;
      readonly p1: number;
      readonly p2: number;
      readonly data: Uint8Array;
      readonly le: number | undefined;
    }
  | { readonly ok: false; readonly sw: number };

/** 6987 objects missing, 6988 objects wrong, 6688 bad MAC (dnie.md §2, §9). */
export function openCommand(session: CardSmSession, header: Uint8Array, body: Uint8Array): OpenedCommand {
  const objects = readTlvs(body);
  if (objects === undefined) return { ok: false, sw: 0x6988 };
  const macObject = objects.at(-1);
  if (macObject === undefined || macObject.tag !== 0x8e) return { ok: false, sw: 0x6987 };
  const rest = objects.slice(0, -1);
  const crypto = rest.filter((o) => o.tag === 0x87);
  const le = rest.filter((o) => o.tag === 0x97);
  if (rest.length !== crypto.length + le.length || crypto.length > 1 || le.length > 1)
    return { ok: false, sw: 0x6988 };
  // DNIe 3.0 answers 6988 to a command carrying both 87 and 97 (dnie.md §4.2).
  if (crypto.length === 1 && le.length === 1) return { ok: false, sw: 0x6988 };
  session.ssc += 1n;
  const cla = header[0]!;
  const expected = cardMac(
    session.kmac,
    session.ssc,
    cat(padded(header), ...rest.map((o) => o.raw)),
    session.macLength,
  );
  if (!same(expected, macObject.value)) return { ok: false, sw: 0x6688 };
  let data = new Uint8Array(0);
  const cryptogram = crypto[0];
  if (cryptogram !== undefined) {
    if (
      cryptogram.value[0] !== 0x01 ||
      (cryptogram.value.length - 1) % 8 !== 0 ||
      cryptogram.value.length < 9
    )
      return { ok: false, sw: 0x6988 };
    const plain = crypt('des-ede-cbc', session.kenc, new Uint8Array(8), cryptogram.value.slice(1), false);
    const end = plain.lastIndexOf(0x80);
    if (end < 0 || plain.slice(end + 1).some((b) => b !== 0)) return { ok: false, sw: 0x6988 };
    data = plain.slice(0, end);
  }
  const leObject = le[0];
  const leValue = leObject === undefined ? undefined : leObject.value[0] === 0 ? 256 : leObject.value[0];
  return { ok: true, cla: cla & ~0x0c, ins: header[1]!, p1: header[2]!, p2: header[3]!, data, le: leValue };
}

/** Protects an answer: `87 01‖E(data)` when there is data, `99 02 SW`, `8E` MAC. */
export function protectResponse(
  session: CardSmSession,
  data: Uint8Array,
  sw: number,
  corruptMac = false,
): Uint8Array {
  session.ssc += 1n;
  const body =
    data.length === 0
      ? new Uint8Array(0)
      : tlv(
          0x87,
          cat(Uint8Array.of(1), crypt('des-ede-cbc', session.kenc, new Uint8Array(8), padded(data), true)),
        );
  const status = tlv(0x99, Uint8Array.of(sw >> 8, sw & 0xff));
  const mac = cardMac(session.kmac, session.ssc, cat(body, status), session.macLength);
  if (corruptMac) mac[0] = mac[0]! ^ 0x01;
  return cat(body, status, tlv(0x8e, mac));
}
