import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { certificateFromFile } from './certificate-file.ts';
import { dnieVersion } from './card-version.ts';

const h = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s/g, ''), 'hex'));

function compressed(der: Uint8Array, declared = der.length): Uint8Array {
  const z = deflateSync(der);
  const out = Buffer.alloc(8 + z.length);
  out.writeUInt32LE(declared, 0);
  out.writeUInt32LE(z.length, 4);
  z.copy(out, 8);
  return new Uint8Array(out);
}

describe('certificate files', () => {
  const der = Uint8Array.from({ length: 900 }, (_, i) => (i * 7) & 0xff);
  it('inflates the 8-byte-header zlib form and passes plain DER through', () => {
    expect(certificateFromFile(compressed(der))).toEqual(der);
    expect(certificateFromFile(der)).toEqual(der);
  });
  it('refuses a length that does not match or a broken stream', () => {
    expect(() => certificateFromFile(compressed(der, 10))).toThrow(
      expect.objectContaining({ code: 'dnie.certificate_unreadable' }),
    );
    const broken = compressed(der);
    broken.fill(0xff, 8, 20);
    expect(() => certificateFromFile(broken)).toThrow(
      expect.objectContaining({ code: 'dnie.certificate_unreadable' }),
    );
  });
});

describe('DNIe version by ATR (dnie.md §1)', () => {
  it('tells 3.0 (8-byte MAC, two channels), 2.0 (4-byte MAC), burnt and other cards apart', () => {
    expect(dnieVersion(h('3B 7F 96 00 00 00 6A 44 4E 49 65 10 01 01 55 04 21 03 90 00'))).toEqual({
      kind: 'dnie',
      generation: 'dnie3',
      macLength: 8,
      twoChannels: true,
    });
    expect(dnieVersion(h('3B 7F 38 00 00 00 6A 44 4E 49 65 10 02 4C 34 01 13 03 90 00'))).toEqual({
      kind: 'dnie',
      generation: 'dnie2',
      macLength: 4,
      twoChannels: false,
    });
    expect(dnieVersion(h('3B 7F 96 00 00 00 6A 44 4E 49 65 10 01 01 55 04 21 0F 65 81'))).toEqual({
      kind: 'burnt',
    });
    expect(dnieVersion(h('3B F8 13 00 00 81 31 FE 45 4A 43 4F 50 76 32 34 31 B7'))).toEqual({
      kind: 'other',
    });
    expect(dnieVersion(h('3B 88 80 01 E1 F3 5E 11 77 81 A1 00 03'))).toEqual({ kind: 'contactless-hint' });
  });
});
