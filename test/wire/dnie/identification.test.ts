/**
 * issue 4, DNIe identification through the real pcscd + vpcd with the virtual DNIe: full
 * identification, PIN states, a non-DNIe card, the card pulled during the secure channel and during
 * signing, a wrong MAC, garbage and truncated answers, and the certificate verdicts (expired, revoked
 * through an OCSP response, foreign issuer, minor). Holds the machine-wide vpcd lock for the file.
 */
import { KeyObject, randomBytes, type webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ageAt,
  birthDateOf,
  DnieSession,
  identify,
  SIGNATURE_CERTIFICATE_PATH,
} from '../../../drivers/dnie/index.ts';
import {
  certIdParts,
  checkOcspResponse,
  DNIE_POLICY,
  parseCertificate,
  type TrustConfig,
  validateCertificatePath,
  verifyChallengeSignature,
} from '../../../drivers/pki/index.ts';
import { buildOcspResponse, createTestPki as createOtherPki } from '../../../drivers/pki/testing/index.ts';
import {
  type CardFaults,
  createPersona,
  DEFAULT_PIN,
  type Persona,
  type PersonaName,
} from '../../../simulators/dnie/index.ts';
import { ascii, dnieWireFixture } from './dnie-support.ts';

const wire = dnieWireFixture();

async function session(
  name: PersonaName,
  faults: CardFaults = {},
): Promise<{ persona: Persona; session: DnieSession }> {
  const persona = await createPersona(name, { components: wire.components });
  const inserted = await wire.insert(persona.card, faults);
  const connection = await wire.monitor.connect(inserted.reader);
  return { persona, session: new DnieSession(connection, { terminal: wire.terminal }) };
}

function trustOf(persona: Persona): TrustConfig {
  return {
    anchors: [parseCertificate(persona.pki!.root.der)],
    intermediates: [parseCertificate(persona.pki!.intermediate.der)],
    requiredPolicies: [DNIE_POLICY.authentication],
  };
}

const challenge = (): Uint8Array => new Uint8Array(randomBytes(32));

describe('DNIe identification through pcscd', () => {
  it('identifies the adult: certificate, PIN channel, VERIFY, user channel, signature checked locally', async () => {
    const { persona, session: card } = await session('adult');
    const nonce = challenge();
    const pin = ascii(DEFAULT_PIN);
    const result = await identify(card, pin, nonce);
    expect(pin.every((b) => b === 0)).toBe(true);
    expect(result.status).toBe('identified');
    if (result.status !== 'identified') return;
    expect(result.certificate.citizen).toMatchObject({
      dniNumber: '99999002Q',
      givenName: 'MARÍA',
      surnames: 'ESPAÑOL ESPECIMEN',
    });
    expect(verifyChallengeSignature(result.certificate, nonce, result.signature)).toBe(true);
    expect(verifyChallengeSignature(result.certificate, challenge(), result.signature)).toBe(false);
    expect(validateCertificatePath(result.certificate, trustOf(persona), { at: new Date() })).toMatchObject({
      ok: true,
      revocation: 'not_checked',
    });
    // Two channels (dnie.md §4.1): two EXTERNAL AUTHENTICATEs, one VERIFY, one PSO CDS, all SM after the first.
    const ins = persona.card.log.map((apdu) => apdu[1]);
    expect(ins.filter((i) => i === 0x82)).toHaveLength(2);
    expect(persona.card.log.filter((apdu) => apdu[0] === 0x0c && apdu[1] === 0x20)).toHaveLength(1);
    expect(persona.card.log.some((apdu) => apdu[0] === 0x00 && apdu[1] === 0x20)).toBe(false); // VERIFY never in plain
    expect(persona.cwa!.signatures).toBe(1);
  });

  it('identifies a DNIe 2.0 (4-byte MAC, one channel, certificate read inside SM after VERIFY)', async () => {
    const { persona, session: card } = await session('adult-dnie2');
    const nonce = challenge();
    const result = await identify(card, ascii(DEFAULT_PIN), nonce);
    expect(result.status).toBe('identified');
    if (result.status !== 'identified') return;
    expect(result.certificate.citizen.dniNumber).toBe('99999002Q');
    expect(verifyChallengeSignature(result.certificate, nonce, result.signature)).toBe(true);
    expect(persona.card.log.filter((apdu) => apdu[1] === 0x82)).toHaveLength(1);
  });

  it('a wrong PIN says how many tries are left, and the card is not asked to sign', async () => {
    const { persona, session: card } = await session('adult');
    const result = await identify(card, ascii('EQUIVOCADO'), challenge());
    expect(result).toMatchObject({ status: 'pin-wrong', triesLeft: 2 });
    expect(persona.cwa!.pinTries).toBe(2);
    expect(persona.cwa!.signatures).toBe(0);
  });

  it('a blocked PIN is reported as blocked (6983), even with the right PIN', async () => {
    const { session: card } = await session('blocked-pin');
    expect(await identify(card, ascii(DEFAULT_PIN), challenge())).toMatchObject({ status: 'pin-blocked' });
  });

  it('a card that is not a DNIe is refused by its ATR', async () => {
    const { session: card } = await session('other-card');
    await expect(identify(card, ascii(DEFAULT_PIN), challenge())).rejects.toMatchObject({
      code: 'dnie.not_a_dnie',
    });
  });

  it('the card pulled during the secure channel (INTERNAL AUTHENTICATE) is pcsc.card_removed', async () => {
    const { session: card } = await session('adult', { removeOnCommand: { ins: 0x88 } });
    const pin = ascii(DEFAULT_PIN);
    await expect(identify(card, pin, challenge())).rejects.toMatchObject({ code: 'pcsc.card_removed' });
    expect(pin.every((b) => b === 0)).toBe(true);
    expect(card.channelOpen).toBe(false);
  });

  it('the card pulled during signing (PSO CDS) is pcsc.card_removed and no signature comes out', async () => {
    const { persona, session: card } = await session('adult', { removeOnCommand: { ins: 0x2a, p1: 0x9e } });
    await expect(identify(card, ascii(DEFAULT_PIN), challenge())).rejects.toMatchObject({
      code: 'pcsc.card_removed',
    });
    expect(persona.cwa!.signatures).toBe(0);
    expect(card.channelOpen).toBe(false);
  });

  it('a wrong MAC in the VERIFY answer ends the channel (dnie.channel_lost)', async () => {
    const { persona, session: card } = await session('adult');
    persona.cwa!.faults.wrongMacOnIns = 0x20;
    const failure = await identify(card, ascii(DEFAULT_PIN), challenge()).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'dnie.channel_lost' });
    expect((failure as Error).cause).toMatchObject({ code: 'dnie.sm_bad_mac' });
    expect(card.channelOpen).toBe(false);
  });

  it('a truncated protected answer is dnie.channel_lost (malformed SM objects)', async () => {
    const { persona, session: card } = await session('adult');
    persona.cwa!.faults.truncateOnIns = { ins: 0x2a, bytes: 7 };
    const failure = await identify(card, ascii(DEFAULT_PIN), challenge()).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'dnie.channel_lost' });
    expect((failure as Error).cause).toMatchObject({ code: 'dnie.sm_malformed' });
  });

  it('a garbage answer in the middle of the channel is a typed format error, not a crash', async () => {
    // 12 plain APDUs get through (certificate, serial, 6020/601F), then one-byte answers.
    const { session: card } = await session('adult', { garbageAfterApdus: 12 });
    await expect(identify(card, ascii(DEFAULT_PIN), challenge())).rejects.toMatchObject({
      code: 'pcsc.apdu_format',
    });
  });
});

describe('certificate verdicts of the cards read through pcscd (drivers/pki)', () => {
  it('an expired certificate: «certificado caducado»', async () => {
    const { persona, session: card } = await session('expired');
    const certificate = await card.readAuthenticationCertificate();
    expect(validateCertificatePath(certificate, trustOf(persona), { at: new Date() })).toMatchObject({
      ok: false,
      failure: 'expired',
      reason: 'certificado caducado',
    });
  });

  it('a revoked certificate: the OCSP answer says revoked, and so does the verdict', async () => {
    const { persona, session: card } = await session('revoked');
    expect(persona.revocation).toBe('revoked');
    const certificate = await card.readAuthenticationCertificate();
    const issuer = parseCertificate(persona.pki!.intermediate.der);
    const now = new Date();
    const response = buildOcspResponse({
      signer: {
        certificate: issuer,
        privateKey: KeyObject.from(persona.pki!.intermediate.privateKey as webcrypto.CryptoKey),
      },
      producedAt: now,
      responses: [
        {
          certId: certIdParts(certificate, issuer),
          status: {
            status: 'revoked',
            revokedAt: new Date(now.getTime() - 86_400_000),
            reason: 'keyCompromise',
          },
          thisUpdate: now,
          nextUpdate: new Date(now.getTime() + 3_600_000),
        },
      ],
    });
    const ocsp = checkOcspResponse({ response, certificate, issuer, at: now });
    expect(ocsp.revocation.status).toBe('revoked');
    expect(
      validateCertificatePath(certificate, trustOf(persona), { at: now, revocation: ocsp.revocation }),
    ).toMatchObject({ ok: false, failure: 'revoked', reason: 'certificado revocado' });
  });

  it('a certificate from a foreign issuer: «emisor no reconocido»', async () => {
    const { session: card } = await session('adult');
    const certificate = await card.readAuthenticationCertificate();
    const other = createOtherPki(new Date());
    const trust: TrustConfig = {
      anchors: [parseCertificate(other.root.der)],
      intermediates: [parseCertificate(other.intermediate.der)],
    };
    expect(validateCertificatePath(certificate, trust, { at: new Date() })).toMatchObject({
      ok: false,
      failure: 'unknown_issuer',
      reason: 'emisor no reconocido',
    });
  });

  it('the minor: the signing certificate gives a birth date under 18 years ago', async () => {
    const { persona, session: card } = await session('minor');
    const der = await card.readCertificateFile(SIGNATURE_CERTIFICATE_PATH);
    const born = birthDateOf(der);
    expect(born?.toISOString().slice(0, 10)).toBe(persona.birthDate!.toISOString().slice(0, 10));
    expect(ageAt(born!, new Date())).toBeLessThan(18);
    expect(birthDateOf(await card.readCertificateFile([0x6081, 0x7004]))).toBeUndefined();
  });
});
