import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SmFormatError, SmMacError } from './errors.ts';
import { incrementSsc, type SmKeys, unwrapResponse, wrapCommand } from './secure-messaging.ts';
import { pad, retailMac, tdesDecrypt, tdesEncrypt, unpad } from './sm-crypto.ts';
import { decodeTlvs, encodeTlv } from './tlv.ts';

const h = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s/g, ''), 'hex'));
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').toUpperCase();

/** A card answer built from the primitives, as the card computes it (dnie.md §4.2). */
function cardAnswer(keys: SmKeys, ssc: Uint8Array, data: Uint8Array, sw: number): Uint8Array {
  const body =
    data.length === 0
      ? new Uint8Array(0)
      : encodeTlv(0x87, Uint8Array.from([1, ...tdesEncrypt(keys.kenc, pad(data))]));
  const status = encodeTlv(0x99, Uint8Array.of(sw >> 8, sw & 0xff));
  const mac = retailMac(keys.kmac, Uint8Array.from([...ssc, ...body, ...status])).slice(0, keys.macLength);
  return Uint8Array.from([...body, ...status, ...encodeTlv(0x8e, mac)]);
}

const keysArb = fc.record({
  kenc: fc.uint8Array({ minLength: 16, maxLength: 16 }),
  kmac: fc.uint8Array({ minLength: 16, maxLength: 16 }),
  macLength: fc.constantFrom(4 as const, 8 as const),
});

describe('secure-messaging primitives', () => {
  // ICAO Doc 9303 part 11, worked example of 3DES secure messaging (same retail MAC and padding).
  it('matches the ICAO 9303 3DES worked example', () => {
    const kenc = h('979EC13B1CBFE9DCD01AB0FED307EAE5');
    const kmac = h('F1CB1F1FB5ADF208806B89DC579DC1F8');
    expect(hex(tdesEncrypt(kenc, pad(h('011E'))))).toBe('6375432908C044F6');
    const input = h('887022120C06C227 0CA4020C80000000 8709016375432908C044F6');
    expect(hex(retailMac(kmac, input))).toBe('BF8B92D635FF24F8');
  });

  it('pads and unpads (ISO 7816-4)', () => {
    expect(hex(pad(h('0102')))).toBe('0102800000000000');
    expect(pad(new Uint8Array(8)).length).toBe(16);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (data) => {
        expect(unpad(pad(data))).toEqual(data);
      }),
    );
    expect(() => unpad(new Uint8Array(8))).toThrow(SmFormatError);
    expect(() => tdesDecrypt(new Uint8Array(16), new Uint8Array(7))).toThrow(SmFormatError);
  });

  it('increments the SSC with carry', () => {
    expect(hex(incrementSsc(h('00000000000000FF')))).toBe('0000000000000100');
    expect(hex(incrementSsc(h('FFFFFFFFFFFFFFFF')))).toBe('0000000000000000');
  });
});

describe('wrapCommand / unwrapResponse', () => {
  it('puts data in 87, Le alone in 97, never both, and a MAC over SSC+1 and the header', () => {
    const keys: SmKeys = {
      kenc: h('00112233445566778899AABBCCDDEEFF'),
      kmac: h('0123456789ABCDEFFEDCBA9876543210'),
      macLength: 8,
    };
    const ssc = h('0000000000000010');
    const verify = wrapCommand(keys, ssc, {
      cla: 0,
      ins: 0x20,
      p1: 0,
      p2: 0,
      data: h('3132333435363738'),
      le: 256,
    });
    expect(verify.command.cla).toBe(0x0c);
    expect(hex(verify.ssc)).toBe('0000000000000011');
    const objects = decodeTlvs(verify.command.data!);
    expect(objects.map((o) => o.tag)).toEqual([0x87, 0x8e]);
    const expectedMac = retailMac(
      keys.kmac,
      Uint8Array.from([...verify.ssc, ...h('0C20000080000000'), ...encodeTlv(0x87, objects[0]!.value)]),
    );
    expect(hex(objects[1]!.value)).toBe(hex(expectedMac));
    expect(unpad(tdesDecrypt(keys.kenc, objects[0]!.value.subarray(1)))).toEqual(h('3132333435363738'));
    const read = wrapCommand(keys, ssc, { cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 0xef });
    expect(decodeTlvs(read.command.data!).map((o) => [o.tag, o.value.length])).toEqual([
      [0x97, 1],
      [0x8e, 8],
    ]);
  });

  it('round-trips any response data and status word through the card-side protection', () => {
    fc.assert(
      fc.property(
        keysArb,
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        fc.uint8Array({ maxLength: 300 }),
        fc.integer({ min: 0x6000, max: 0x9fff }),
        (keys, ssc, data, sw) => {
          const next = incrementSsc(ssc);
          const opened = unwrapResponse(keys, ssc, { data: cardAnswer(keys, next, data, sw), sw: 0x9000 });
          expect(opened.response).toEqual({ data, sw });
          expect(opened.ssc).toEqual(next);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a response with a wrong MAC or an old SSC is SmMacError', () => {
    const keys: SmKeys = { kenc: new Uint8Array(16).fill(1), kmac: new Uint8Array(16).fill(2), macLength: 8 };
    const ssc = new Uint8Array(8);
    const good = cardAnswer(keys, incrementSsc(ssc), h('0102'), 0x9000);
    const bad = good.slice();
    bad[bad.length - 1]! ^= 1;
    expect(() => unwrapResponse(keys, ssc, { data: bad, sw: 0x9000 })).toThrow(SmMacError);
    expect(() => unwrapResponse(keys, incrementSsc(ssc), { data: good, sw: 0x9000 })).toThrow(SmMacError);
  });

  it('no response bytes make unwrapResponse throw anything but its typed errors', () => {
    fc.assert(
      fc.property(keysArb, fc.uint8Array({ maxLength: 200 }), (keys, data) => {
        try {
          unwrapResponse(keys, new Uint8Array(8), { data, sw: 0x9000 });
        } catch (error) {
          expect(error instanceof SmFormatError || error instanceof SmMacError).toBe(true);
        }
      }),
    );
    // Truncations and bit flips of a well-formed answer.
    fc.assert(
      fc.property(
        keysArb,
        fc.uint8Array({ maxLength: 40 }),
        fc.nat(),
        fc.nat(),
        (keys, payload, cut, flip) => {
          const ssc = new Uint8Array(8);
          const answer = cardAnswer(keys, incrementSsc(ssc), payload, 0x9000);
          const mutated = answer.slice(0, 1 + (cut % answer.length));
          if (mutated.length > 0) mutated[flip % mutated.length]! ^= 0x10;
          try {
            unwrapResponse(keys, ssc, { data: mutated, sw: 0x9000 });
          } catch (error) {
            expect(error instanceof SmFormatError || error instanceof SmMacError).toBe(true);
          }
        },
      ),
    );
  });
});
