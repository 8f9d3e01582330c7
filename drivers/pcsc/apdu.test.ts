import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CommandApdu,
  decodeCommandApdu,
  decodeResponseApdu,
  encodeCommandApdu,
  encodeResponseApdu,
} from './apdu.ts';
import { ApduFormatError } from './errors.ts';

const hexBytes = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/ /g, ''), 'hex'));

describe('encodeCommandApdu', () => {
  it('encodes the DNIe SELECT MF by name as in dnie.md §3', () => {
    const bytes = encodeCommandApdu({
      cla: 0,
      ins: 0xa4,
      p1: 4,
      p2: 0,
      data: new TextEncoder().encode('Master.File'),
    });
    expect(Buffer.from(bytes).toString('hex')).toBe('00a404000b4d61737465722e46696c65');
  });

  it('encodes Le=256 as 00 and a case-2 READ BINARY', () => {
    expect(encodeCommandApdu({ cla: 0, ins: 0xb0, p1: 1, p2: 2, le: 256 })).toEqual(
      hexBytes('00 B0 01 02 00'),
    );
    expect(encodeCommandApdu({ cla: 0x90, ins: 0xb8, p1: 0, p2: 0, le: 7 })).toEqual(
      hexBytes('90 B8 00 00 07'),
    );
  });

  it('switches to extended form for data over 255 bytes or Le over 256', () => {
    const data = new Uint8Array(300).fill(0xaa);
    const bytes = encodeCommandApdu({ cla: 0, ins: 0x2a, p1: 0x9e, p2: 0x9a, data, le: 65536 });
    expect(Array.from(bytes.subarray(0, 7))).toEqual([0, 0x2a, 0x9e, 0x9a, 0, 0x01, 0x2c]);
    expect(Array.from(bytes.subarray(-2))).toEqual([0, 0]);
    expect(encodeCommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 1000 })).toEqual(
      hexBytes('00 B0 00 00 00 03 E8'),
    );
  });

  it('rejects values that are not bytes or lengths out of range with ApduFormatError', () => {
    expect(() => encodeCommandApdu({ cla: 256, ins: 0, p1: 0, p2: 0 })).toThrow(ApduFormatError);
    expect(() => encodeCommandApdu({ cla: 0, ins: 0, p1: 0, p2: 0, le: 0 })).toThrow(ApduFormatError);
    expect(() => encodeCommandApdu({ cla: 0, ins: 0, p1: 0, p2: 0, le: 65537 })).toThrow(ApduFormatError);
  });
});

describe('decodeResponseApdu', () => {
  it('splits data and status word', () => {
    expect(decodeResponseApdu(hexBytes('01 02 90 00'))).toEqual({ data: hexBytes('01 02'), sw: 0x9000 });
    expect(decodeResponseApdu(hexBytes('6A 82'))).toEqual({ data: new Uint8Array(0), sw: 0x6a82 });
  });

  it('refuses an answer without a status word', () => {
    expect(() => decodeResponseApdu(Uint8Array.of(0x42))).toThrow(ApduFormatError);
  });
});

const byte = fc.integer({ min: 0, max: 255 });
const command: fc.Arbitrary<CommandApdu> = fc
  .record({
    cla: byte,
    ins: byte,
    p1: byte,
    p2: byte,
    data: fc.option(fc.uint8Array({ minLength: 1, maxLength: 600 }), { nil: undefined }),
    le: fc.option(fc.integer({ min: 1, max: 65536 }), { nil: undefined }),
  })
  .map((c) => {
    const out: { cla: number; ins: number; p1: number; p2: number; data?: Uint8Array; le?: number } = {
      cla: c.cla,
      ins: c.ins,
      p1: c.p1,
      p2: c.p2,
    };
    if (c.data !== undefined) out.data = c.data;
    if (c.le !== undefined) out.le = c.le;
    return out;
  });

describe('properties', () => {
  it('decodeCommandApdu(encodeCommandApdu(c)) = c, short and forced extended', () => {
    fc.assert(
      fc.property(command, fc.boolean(), (c, forceExtended) => {
        expect(decodeCommandApdu(encodeCommandApdu(c, { forceExtended }))).toEqual(c);
      }),
    );
  });

  it('response round trip', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 0, max: 0xffff }), (data, sw) => {
        expect(decodeResponseApdu(encodeResponseApdu({ data, sw }))).toEqual({ data, sw });
      }),
    );
  });

  it('no input makes the decoders throw anything but ApduFormatError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        for (const decode of [decodeCommandApdu, decodeResponseApdu]) {
          try {
            decode(bytes);
          } catch (error) {
            expect(error).toBeInstanceOf(ApduFormatError);
          }
        }
      }),
    );
  });
});
