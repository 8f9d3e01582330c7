/**
 * The symmetric primitives of DNIe secure messaging (dnie.md §4.2): 2-key 3DES-CBC with IV 0 for the
 * cryptograms, ISO 7816-4 padding (80 00…), and the ISO 9797-1 MAC algorithm 3 ("retail MAC": single
 * DES-CBC with K1 over every block, then D(K2) and E(K1) on the last). Pure functions over node:crypto.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { SmFormatError } from './errors.ts';

const BLOCK = 8;
const ZERO_IV = new Uint8Array(BLOCK);

/** ISO/IEC 7816-4 padding: 80 then 00 up to a multiple of 8 (always at least one byte). */
export function pad(data: Uint8Array): Uint8Array {
  const out = new Uint8Array((Math.floor(data.length / BLOCK) + 1) * BLOCK);
  out.set(data);
  out[data.length] = 0x80;
  return out;
}

/** Removes ISO 7816-4 padding; throws SmFormatError when there is none. */
export function unpad(data: Uint8Array): Uint8Array {
  let end = data.length - 1;
  while (end >= 0 && data[end] === 0) end--;
  if (end < 0 || data[end] !== 0x80 || data.length - end > BLOCK) {
    throw new SmFormatError('cryptogram without 80 00.. padding');
  }
  return data.slice(0, end);
}

function run(
  cipher: 'des-ede-cbc' | 'des-ede3-cbc',
  key: Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
  encrypt: boolean,
): Uint8Array {
  const engine = encrypt ? createCipheriv(cipher, key, iv) : createDecipheriv(cipher, key, iv);
  engine.setAutoPadding(false);
  const out = Buffer.concat([engine.update(data), engine.final()]);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** 3DES-CBC (two-key, K1‖K2), IV 0, on data already a multiple of 8 bytes. */
export function tdesEncrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
  return run('des-ede-cbc', key, ZERO_IV, data, true);
}

export function tdesDecrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
  if (data.length === 0 || data.length % BLOCK !== 0) {
    throw new SmFormatError(`cryptogram of ${data.length} bytes is not whole 3DES blocks`);
  }
  return run('des-ede-cbc', key, ZERO_IV, data, false);
}

/**
 * Retail MAC (ISO 9797-1 algorithm 3, padding method 2) of `data` with the 16-byte key K1‖K2: 8 bytes.
 * Single DES is 3DES with K1 three times (OpenSSL 3 keeps plain DES in its legacy provider only).
 */
export function retailMac(key: Uint8Array, data: Uint8Array): Uint8Array {
  const k1 = key.subarray(0, BLOCK);
  const padded = pad(data);
  const head = padded.subarray(0, padded.length - BLOCK);
  let chain: Uint8Array = ZERO_IV;
  if (head.length > 0) {
    const k1x3 = new Uint8Array(24);
    k1x3.set(k1, 0);
    k1x3.set(k1, 8);
    k1x3.set(k1, 16);
    chain = run('des-ede3-cbc', k1x3, ZERO_IV, head, true).slice(-BLOCK);
  }
  // E(K1)·D(K2)·E(K1) of (last block XOR chain) is the last DES step followed by the output transform.
  return run('des-ede-cbc', key.subarray(0, 16), chain, padded.subarray(-BLOCK), true);
}
