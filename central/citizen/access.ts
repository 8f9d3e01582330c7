/**
 * The citizen access protocol (issue 8 part 5): a kiosk asks for a challenge; the citizen's DNIe signs
 * it; central then, in this order and before reading any padrón data:
 *
 *   1. uses up the challenge (this kiosk, this service, not expired, not used);
 *   2. parses the certificate and validates its path to the configured DNIe anchors (policy, key usage,
 *      validity at central's clock);
 *   3. verifies the signature over the challenge bytes (RSASSA-PKCS1-v1_5 SHA-256, dnie.md §6);
 *   4. asks the OCSP responder; revoked is refused; no answer is refused (`fail-closed`) or let through
 *      with a warning line (`allow-with-log`);
 *   5. maps the certificate's DNI number to a persona inscribed in the kiosk's municipality;
 *   6. issues the volante (volante.ts), logging the access in `access_log`.
 *
 * The signature goes before OCSP so that a forged request costs central no outbound call. Each refusal
 * is a CentralServiceError and changes nothing except step 1: a challenge presented is spent.
 */
import type { Logger } from 'pino';
import {
  CertificateFormatError,
  type CitizenCertificate,
  parseCertificate,
  type TrustConfig,
  validateCertificatePath,
  verifyChallengeSignature,
} from '../../drivers/pki/index.ts';
import type { Database } from '../db/index.ts';
import { CentralServiceError } from '../service/service-error.ts';
import { type CitizenService, consumeChallenge, type IssuedChallenge, issueChallenge } from './challenge.ts';
import { type OcspOutcome, queryOcsp } from './ocsp-client.ts';
import type { SealKey } from './seal.ts';
import { findInscribedPersona, type IssuedVolante, issueVolante, type VolanteKind } from './volante.ts';

export type OcspFailurePolicy = 'fail-closed' | 'allow-with-log';

export interface CitizenAccessOptions {
  readonly db: Database;
  readonly logger: Logger;
  readonly trust: TrustConfig;
  readonly ocspUrl: string;
  readonly ocspTimeoutMs: number;
  readonly ocspFailurePolicy: OcspFailurePolicy;
  readonly challengeTtlMs: number;
  readonly volanteValidityMonths: number;
  /** The seal of a municipality (by INE code), or undefined when it has none. */
  readonly sealOf: (ineCode: string) => SealKey | undefined;
  readonly random: (size: number) => Uint8Array;
}

export interface Kiosk {
  readonly kioskId: string;
  readonly municipality: string;
}

export interface VolanteRequest {
  readonly challengeId: string;
  /** DER, base64. */
  readonly certificate: string;
  /** base64. */
  readonly signature: string;
  readonly kind: VolanteKind;
}

export interface CitizenAccess {
  challenge(kiosk: Kiosk, service: CitizenService, now: Date): Promise<IssuedChallenge>;
  volante(kiosk: Kiosk, request: VolanteRequest, now: Date): Promise<IssuedVolante>;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function decodeBase64(value: string, what: string): Uint8Array {
  if (!BASE64.test(value) || value.length % 4 !== 0)
    throw new CentralServiceError('central.bad_request', `${what} is not base64`);
  return new Uint8Array(Buffer.from(value, 'base64'));
}

function parseCitizenCertificate(der: Uint8Array): CitizenCertificate {
  try {
    return parseCertificate(der);
  } catch (error) {
    if (error instanceof CertificateFormatError)
      throw new CentralServiceError('central.citizen_certificate_invalid', 'not a certificate', {
        cause: error,
      });
    throw error;
  }
}

export function createCitizenAccess(options: CitizenAccessOptions): CitizenAccess {
  const { db, logger } = options;

  async function revocation(
    kiosk: Kiosk,
    certificate: CitizenCertificate,
    issuer: CitizenCertificate,
    now: Date,
  ): Promise<void> {
    const outcome: OcspOutcome = await queryOcsp({
      url: options.ocspUrl,
      certificate,
      issuer,
      at: now,
      timeoutMs: options.ocspTimeoutMs,
      nonce: options.random(16),
    });
    if (outcome.status === 'good') return;
    if (outcome.status === 'revoked')
      throw new CentralServiceError(
        'central.citizen_certificate_revoked',
        `revoked at ${outcome.revokedAt.toISOString()}${outcome.reason === undefined ? '' : ` (${outcome.reason})`}`,
      );
    const detail = outcome.status === 'unknown' ? 'responder does not know the certificate' : outcome.detail;
    if (options.ocspFailurePolicy === 'fail-closed')
      throw new CentralServiceError('central.revocation_unavailable', detail);
    logger.warn(
      { code: 'central.revocation_unavailable', kiosk: kiosk.kioskId, policy: 'allow-with-log', detail },
      'citizen certificate accepted without a revocation check',
    );
  }

  return {
    challenge: (kiosk, service, now) =>
      issueChallenge(db, {
        kioskId: kiosk.kioskId,
        service,
        now,
        ttlMs: options.challengeTtlMs,
        random: options.random,
      }),

    async volante(kiosk, request, now) {
      // Decode first: a malformed request must not spend the citizen's challenge.
      const der = decodeBase64(request.certificate, 'certificate');
      const signature = decodeBase64(request.signature, 'signature');
      const challenge = await consumeChallenge(db, {
        challengeId: request.challengeId,
        kioskId: kiosk.kioskId,
        service: `volante.${request.kind}`,
        now,
      });
      const certificate = parseCitizenCertificate(der);
      const verdict = validateCertificatePath(certificate, options.trust, { at: now });
      if (!verdict.ok)
        throw new CentralServiceError(
          'central.citizen_certificate_invalid',
          `${verdict.failure}: ${verdict.reason}`,
        );
      if (!verifyChallengeSignature(certificate, challenge, signature))
        throw new CentralServiceError('central.citizen_signature_invalid', 'signature does not verify');
      const issuer = verdict.chain[1];
      if (issuer === undefined)
        throw new CentralServiceError(
          'central.citizen_certificate_invalid',
          'certificate is itself an anchor',
        );
      await revocation(kiosk, certificate, issuer, now);
      const dni = certificate.citizen.dniNumber;
      if (dni === undefined)
        throw new CentralServiceError('central.citizen_certificate_invalid', 'no DNI number in the subject');
      const persona = await findInscribedPersona(db, dni, kiosk.municipality);
      if (persona === undefined)
        throw new CentralServiceError('central.persona_unknown', 'no current inscripción for this DNI');
      const seal = options.sealOf(kiosk.municipality);
      if (seal === undefined)
        throw new CentralServiceError('central.seal_unavailable', `no seal for ${kiosk.municipality}`);
      const issued = await issueVolante(db, {
        requester: persona,
        municipality: kiosk.municipality,
        kioskId: kiosk.kioskId,
        kind: request.kind,
        now,
        validityMonths: options.volanteValidityMonths,
        seal,
        random: options.random,
      });
      // The log line names ids, never the DNI or names.
      logger.info(
        { kiosk: kiosk.kioskId, persona: persona.persona_id, volante: issued.volanteId, kind: issued.kind },
        'volante issued',
      );
      return issued;
    },
  };
}
