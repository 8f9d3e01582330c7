import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPersona, type Persona } from '../personas.ts';
import type { DnieCard } from './dnie-card.ts';

const h = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/ /g, ''), 'hex'));
const send = (card: DnieCard, text: string): string =>
  Buffer.from(card.process(h(text)))
    .toString('hex')
    .toUpperCase();
const sw = (response: string): string => response.slice(-4);

let persona: Persona;
beforeAll(async () => {
  persona = await createPersona('adult', { now: new Date('2026-01-01T00:00:00Z') });
});

describe('virtual DNIe card model', () => {
  it('selects the MF by "Master.File" and hands the FCI out via 61xx / GET RESPONSE (T=0)', () => {
    const card = persona.card;
    card.powerOn();
    const first = send(card, '00 A4 04 00 0B 4D61737465722E46696C65');
    expect(first.slice(0, 2)).toBe('61');
    const length = first.slice(2, 4);
    const fci = send(card, `00 C0 00 00 ${length}`);
    expect(sw(fci)).toBe('9000');
    expect(fci.startsWith('6F')).toBe(true);
    expect(fci).toContain('8505383F00'); // proprietary type 38 (DF) for 3F00
  });

  it('reads IDESP at 3F00/0006', () => {
    const card = persona.card;
    card.powerOn();
    expect(send(card, '00 A4 00 0C 02 0006')).toBe('9000');
    const response = send(card, '00 B0 00 00 09');
    expect(Buffer.from(response.slice(0, -4), 'hex').toString()).toBe('BMP100001');
  });

  it('serves the compressed authentication certificate with offsets, 6Cxx above its chunk and 6B00 past the end', () => {
    const card = persona.card;
    card.powerOn();
    expect(send(card, '00 A4 00 0C 02 6081')).toBe('9000');
    expect(send(card, '00 A4 00 0C 02 7004')).toBe('9000');
    expect(send(card, '00 B0 00 00 00')).toBe('6CEF');
    const parts: Buffer[] = [];
    let offset = 0;
    for (;;) {
      const p = `${(offset >> 8).toString(16).padStart(2, '0')}${(offset & 0xff).toString(16).padStart(2, '0')}`;
      let response = send(card, `00 B0 ${p} EF`);
      if (response.startsWith('6C')) response = send(card, `00 B0 ${p} ${response.slice(2)}`);
      if (response === '6B00') break;
      expect(sw(response)).toBe('9000');
      parts.push(Buffer.from(response.slice(0, -4), 'hex'));
      offset += parts.at(-1)!.length;
    }
    const file = Buffer.concat(parts);
    expect(file.readUInt32LE(0)).toBe(persona.pki!.authentication.der.length);
    expect(file.readUInt32LE(4)).toBe(file.length - 8);
    expect(new Uint8Array(inflateSync(file.subarray(8)))).toEqual(persona.pki!.authentication.der);
  });

  it('answers the documented status words for errors', () => {
    const card = persona.card;
    card.powerOn();
    expect(send(card, '00 A4 00 0C 02 1234')).toBe('6A82');
    expect(send(card, '00 B0 00 00 10')).toBe('6986'); // no current EF
    expect(send(card, '00 99 00 00')).toBe('6D00');
    expect(send(card, '80 A4 00 00 02 3F00')).toBe('6E00');
    expect(send(card, '00 A4 00')).toBe('6700');
    expect(send(card, '00 A4 00 0C 02 3F11')).toBe('9000');
    expect(send(card, '00 A4 00 0C 02 0101')).toBe('9000');
    expect(send(card, '00 B0 00 00 10')).toBe('6982'); // key EF: never readable
    expect(send(card, '00 C0 00 00 10')).toBe('6985'); // nothing pending
    expect(send(card, '90 B8 00 00 07')).toBe('010203040506079000');
  });

  it('selects by path and keeps the parent DF current after an EF', () => {
    const card = persona.card;
    card.powerOn();
    expect(send(card, '00 A4 08 0C 04 6061 7006')).toBe('9000');
    expect(send(card, '00 B0 00 00 02').slice(0, 2)).toBe('30'); // DER SEQUENCE
    expect(send(card, '00 A4 00 0C 02 6061')).toBe('9000'); // the current DF by its own FID
  });

  it('on the DNIe 2.0 profile the user certificates need the PIN (6982)', async () => {
    const old = await createPersona('adult-dnie2', { now: new Date('2026-01-01T00:00:00Z') });
    old.card.powerOn();
    expect(send(old.card, '00 A4 08 0C 04 6081 7004')).toBe('9000');
    expect(send(old.card, '00 B0 00 00 10')).toBe('6982');
  });

  it('splits GET RESPONSE when configured, so the host loops on 61xx', async () => {
    const small = await createPersona('other-card', { getResponseChunk: 8 });
    small.card.powerOn();
    expect(send(small.card, '00 A4 04 00 0B 4D61737465722E46696C65')).toBe('6A82'); // not a DNIe
    const first = send(small.card, '00 A4 00 00 02 3F00');
    expect(first).toBe('6108');
    const second = send(small.card, '00 C0 00 00 08');
    expect(sw(second).slice(0, 2)).toBe('61');
  });
});
