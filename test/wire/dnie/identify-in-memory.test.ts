/**
 * drivers/dnie against the virtual DNIe's card model directly (no pcscd): the full identification and
 * the PIN states, fast, so the wire tests can concentrate on the transport.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DnieSession, identify, type TerminalConfig } from '../../../drivers/dnie/index.ts';
import { verifyChallengeSignature } from '../../../drivers/pki/index.ts';
import {
  type ComponentPki,
  createComponentPki,
  createPersona,
  DEFAULT_PIN,
} from '../../../simulators/dnie/index.ts';
import { ascii, memoryTransport, terminalFor } from './dnie-support.ts';

let components: ComponentPki;
let terminal: TerminalConfig;
let cleanup: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  components = await createComponentPki();
  ({ config: terminal, cleanup } = await terminalFor(components));
});
afterAll(() => cleanup());

describe('DNIe identification against the card model', () => {
  it('reads the certificate, opens both channels, verifies the PIN and signs', async () => {
    const persona = await createPersona('adult', { components });
    persona.card.powerOn();
    const transport = memoryTransport(persona.card);
    const session = new DnieSession(transport, { terminal });
    const pin = ascii(DEFAULT_PIN);
    const challenge = Uint8Array.from({ length: 32 }, (_, i) => i);
    const result = await identify(session, pin, challenge);
    expect(pin.every((b) => b === 0)).toBe(true);
    expect(result.status).toBe('identified');
    if (result.status !== 'identified') return;
    expect(result.certificate.citizen.dniNumber).toBe('99999002Q');
    expect(verifyChallengeSignature(result.certificate, challenge, result.signature)).toBe(true);
    expect(persona.cwa!.signatures).toBe(1);
    expect(persona.card.pinVerified).toBe(false); // one VERIFY per signature on 3.0
  });

  it('a wrong PIN reports the tries left, and the third blocks the card', async () => {
    const persona = await createPersona('adult', { components });
    persona.card.powerOn();
    const session = new DnieSession(memoryTransport(persona.card), { terminal });
    await session.openSecureChannel('pin');
    expect(await session.pinStatus()).toEqual({ status: 'wrong', triesLeft: 3 });
    expect(await session.verifyPin(ascii('EQUIVOCADO1'))).toEqual({ status: 'wrong', triesLeft: 2 });
    expect(await session.verifyPin(ascii('EQUIVOCADO2'))).toEqual({ status: 'wrong', triesLeft: 1 });
    expect(await session.verifyPin(ascii('EQUIVOCADO3'))).toEqual({ status: 'blocked' });
    expect(await session.verifyPin(ascii(DEFAULT_PIN))).toEqual({ status: 'blocked' });
  });

  it('signing without VERIFY is refused by the card', async () => {
    const persona = await createPersona('adult', { components });
    persona.card.powerOn();
    const session = new DnieSession(memoryTransport(persona.card), { terminal });
    await session.openSecureChannel('user');
    await expect(session.signChallenge(new Uint8Array(16))).rejects.toMatchObject({
      code: 'dnie.pin_not_verified',
    });
  });
});

describe('DNIe 1.x/2.0 (4-byte MAC, one channel, certificate only after VERIFY)', () => {
  it('identifies through one channel and reads the certificate inside SM', async () => {
    const persona = await createPersona('adult-dnie2', { components });
    persona.card.powerOn();
    const session = new DnieSession(memoryTransport(persona.card), { terminal });
    await expect(session.readAuthenticationCertificate()).rejects.toMatchObject({
      code: 'dnie.pin_not_verified',
    });
    const challenge = Uint8Array.of(1, 2, 3);
    const result = await identify(session, ascii(DEFAULT_PIN), challenge);
    expect(result.status).toBe('identified');
    if (result.status !== 'identified') return;
    expect(result.certificate.citizen.dniNumber).toBe('99999002Q');
    const ins = persona.card.log.map((apdu) => apdu[1]);
    expect(ins.filter((i) => i === 0x82)).toHaveLength(1);
    // The 8E objects carry 4 bytes on this generation.
    const verify = persona.card.log.find((apdu) => apdu[0] === 0x0c && apdu[1] === 0x20)!;
    expect(Buffer.from(verify.subarray(-6, -4)).toString('hex')).toBe('8e04');
  });

  it('a wrong PIN on 2.0 reports the tries without a certificate', async () => {
    const persona = await createPersona('adult-dnie2', { components });
    persona.card.powerOn();
    const session = new DnieSession(memoryTransport(persona.card), { terminal });
    expect(await identify(session, ascii('EQUIVOCADO'), new Uint8Array(4))).toEqual({
      status: 'pin-wrong',
      triesLeft: 2,
      certificate: undefined,
    });
  });
});
