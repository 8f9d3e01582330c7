/**
 * The card side's refusals (the whole handshake with a host is tested against drivers/dnie in
 * test/wire/dnie, since simulators do not import drivers/).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPersona, type Persona } from '../personas.ts';
import { type ComponentPki, createComponentPki } from '../pki/component-pki.ts';
import { cardMac, openCommand } from './card-sm.ts';

let components: ComponentPki;
let persona: Persona;
const h = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s/g, ''), 'hex'));
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').toUpperCase();
const send = (apdu: string | Uint8Array): string =>
  hex(persona.card.process(typeof apdu === 'string' ? h(apdu) : apdu));
const apdu = (header: string, data: Uint8Array): Uint8Array =>
  Uint8Array.from([...h(header), data.length, ...data]);

beforeAll(async () => {
  components = await createComponentPki();
  persona = await createPersona('adult', { components });
});

describe('CWA-14890 card side', () => {
  it('verifies the terminal chain from its own root: CA CVC, then the IFD CVC under the CA', () => {
    persona.card.powerOn();
    expect(send('00 22 81 B6 04 83 02 02 0F')).toBe('9000');
    expect(send(apdu('00 2A 00 AE', components.terminalCa.cvc))).toBe('9000');
    expect(send(`00 22 81 B6 0A 83 08 ${hex(components.terminalCa.chr)}`)).toBe('9000');
    expect(send(apdu('00 2A 00 AE', components.pin.cvc))).toBe('9000');
    expect(send(`00 22 C1 A4 12 83 0C 00000000${hex(components.pin.serial)} 84 02 02 1F`)).toBe('9000');
    // INTERNAL AUTHENTICATE answers 128 bytes (through 61 80 on T=0).
    expect(send(`00 88 00 00 10 0102030405060708${hex(components.pin.serial)}`)).toBe('6180');
  });

  it('refuses an IFD CVC before its CA, a tampered CVC, and an unknown IFD reference', () => {
    persona.card.powerOn();
    expect(send('00 22 81 B6 04 83 02 02 0F')).toBe('9000');
    expect(send(apdu('00 2A 00 AE', components.pin.cvc))).toBe('6A80'); // signed by the CA, not the root
    const tampered = components.terminalCa.cvc.slice();
    tampered[20]! ^= 1;
    expect(send(apdu('00 2A 00 AE', tampered))).toBe('6A80');
    expect(send(`00 22 81 B6 0A 83 08 ${hex(components.terminalCa.chr)}`)).toBe('6A88');
    expect(send(`00 22 C1 A4 12 83 0C 00000000${hex(components.user.serial)} 84 02 02 1F`)).toBe('6A88');
    expect(send('00 88 00 00 10 01020304050607080102030405060708')).toBe('6985');
  });

  it('never verifies a PIN or signs outside secure messaging', () => {
    persona.card.powerOn();
    expect(send(apdu('00 20 00 00', new TextEncoder().encode('PRUEBA2026')))).toBe('6982');
    expect(send('00 22 41 B6 04 84 02 01 01')).toBe('6982');
    expect(send(apdu('00 2A 9E 9A', new Uint8Array(51)))).toBe('6982');
    // A protected command with no channel open: SM objects missing.
    const mac = cardMac(new Uint8Array(16), 1n, h('0C20000080000000'), 8);
    expect(send(apdu('0C 20 00 00', Uint8Array.from([0x8e, 8, ...mac])))).toBe('6987');
    expect(persona.cwa!.pinTries).toBe(3);
  });

  it('keeps the PIN counter across resets, like the chip does', async () => {
    const blocked = await createPersona('blocked-pin', { components });
    blocked.card.powerOn();
    blocked.card.reset();
    expect(blocked.cwa!.pinTries).toBe(0);
  });

  it('no command bytes make the card or its SM layer throw; every answer ends in a status word', () => {
    persona.card.powerOn();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const answer = persona.card.process(bytes);
        expect(answer.length).toBeGreaterThanOrEqual(2);
        const session = { kenc: new Uint8Array(16), kmac: new Uint8Array(16), ssc: 0n, macLength: 8 };
        expect(() => openCommand(session, Uint8Array.of(0x0c, 0x20, 0, 0), bytes)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
