import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CommandApdu, ResponseApdu } from '../pcsc/index.ts';
import { DnieSession, type DnieTransport } from './dnie-session.ts';
import type { TerminalConfig } from './terminal-config.ts';

const h = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s/g, ''), 'hex'));
const keys = generateKeyPairSync('rsa', { modulusLength: 1024 });
const identity = {
  caCvc: new Uint8Array(8),
  caReference: new Uint8Array(8),
  ifdCvc: new Uint8Array(8),
  ifdPrivateKey: keys.privateKey,
  ifdSerial: new Uint8Array(8),
};
const terminal: TerminalConfig = {
  componentRootPublicKey: keys.publicKey,
  rootKeyReference: h('020F'),
  iccKeyReference: h('021F'),
  pin: identity,
  user: identity,
};

function transport(
  atr: string,
  answer: (command: CommandApdu) => ResponseApdu,
): DnieTransport & { sent: CommandApdu[] } {
  const sent: CommandApdu[] = [];
  return {
    atr: h(atr),
    sent,
    transmit: async (command) => {
      sent.push(command);
      return answer(command);
    },
  };
}

const DNIE3 = '3B 7F 96 00 00 00 6A 44 4E 49 65 10 01 01 55 04 21 03 90 00';

describe('DnieSession guards', () => {
  it('refuses a card that is not a DNIe, and a burnt one, before sending anything', async () => {
    const other = transport('3B F8 13 00 00 81 31 FE 45 4A 43 4F 50 76 32 34 31 B7', () => ({
      data: new Uint8Array(0),
      sw: 0x9000,
    }));
    await expect(new DnieSession(other, { terminal }).readAuthenticationCertificate()).rejects.toMatchObject({
      code: 'dnie.not_a_dnie',
    });
    const burnt = transport('3B 7F 96 00 00 00 6A 44 4E 49 65 10 01 01 55 04 21 0F 65 81', () => ({
      data: new Uint8Array(0),
      sw: 0x9000,
    }));
    await expect(new DnieSession(burnt, { terminal }).openSecureChannel('pin')).rejects.toMatchObject({
      code: 'dnie.burnt',
    });
    expect(other.sent.length + burnt.sent.length).toBe(0);
  });

  it('wipes the PIN buffer and keeps it out of the error when VERIFY cannot be sent', async () => {
    const card = transport(DNIE3, () => ({ data: new Uint8Array(0), sw: 0x9000 }));
    const session = new DnieSession(card, { terminal });
    const pin = new TextEncoder().encode('SECRETO99');
    const failure = await session.verifyPin(pin).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'dnie.channel_lost' });
    expect(pin.every((b) => b === 0)).toBe(true);
    expect(JSON.stringify(failure) + String(failure) + ((failure as Error).stack ?? '')).not.toContain(
      'SECRETO99',
    );
    expect(card.sent).toEqual([]);
    const short = new TextEncoder().encode('123');
    await expect(session.verifyPin(short)).rejects.toMatchObject({ code: 'dnie.pin_format' });
    expect(short.every((b) => b === 0)).toBe(true);
  });

  it('a card that refuses the terminal CVC is channel_refused with its status word', async () => {
    const card = transport(DNIE3, (command) => {
      if (command.ins === 0xb8) return { data: new Uint8Array(7), sw: 0x9000 };
      if (command.ins === 0xa4) return { data: new Uint8Array(0), sw: 0x9000 };
      return { data: new Uint8Array(0), sw: 0x6a82 };
    });
    await expect(new DnieSession(card, { terminal }).openSecureChannel('pin')).rejects.toMatchObject({
      code: 'pcsc.status_word',
      sw: 0x6a82,
    });
  });
});
