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
 * Or, in two steps (issue 9): steps 1–5 then a preview of the volante and a grant (grant.ts), logged as
 * `volante_previewed`; the citizen confirms and the grant alone gets the volante issued. Steps 1–5 also
 * open the citizen's list of pending recibos (`recibos_consulted`).
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
import type { Database, Queryable } from '../db/index.ts';
import { CentralServiceError } from '../service/service-error.ts';
import { type CitizenService, consumeChallenge, type IssuedChallenge, issueChallenge } from './challenge.ts';
import { type CitizenAction, logCitizenAccess } from './access-log.ts';
import { createGrant, type GrantService, spendGrant, usableGrant } from './grant.ts';
import { type OcspOutcome, queryOcsp } from './ocsp-client.ts';
import { type CitizenRecibo, citizenPendingRecibos } from './recibos.ts';
import type { SealKey } from './seal.ts';
import {
  contentHash,
  findInscribedPersona,
  findInscribedPersonaById,
  type InscriptionRow,
  type IssuedVolante,
  issueVolante,
  type VolanteContent,
  type VolanteKind,
  type VolantePreview,
  volanteContent,
} from './volante.ts';

export type OcspFailurePolicy = 'fail-closed' | 'allow-with-log';

export interface CitizenAccessOptions {
  readonly db: Database;
  readonly logger: Logger;
  readonly trust: TrustConfig;
  readonly ocspUrl: string;
  readonly ocspTimeoutMs: number;
  readonly ocspFailurePolicy: OcspFailurePolicy;
  readonly challengeTtlMs: number;
  /** How long a preview's grant can be turned into a volante; 300 s when not given. */
  readonly grantTtlMs?: number;
  readonly volanteValidityMonths: number;
  /** The seal of a municipality (by INE code), or undefined when it has none. */
  readonly sealOf: (ineCode: string) => SealKey | undefined;
  readonly random: (size: number) => Uint8Array;
}

export interface Kiosk {
  readonly kioskId: string;
  readonly municipality: string;
}

/** The citizen's DNIe signature over a challenge central gave the kiosk. */
export interface CitizenProof {
  readonly challengeId: string;
  /** DER, base64. */
  readonly certificate: string;
  /** base64. */
  readonly signature: string;
}

export interface VolanteRequest extends CitizenProof {
  readonly kind: VolanteKind;
}

export interface VolanteGrant {
  readonly grantId: string;
  readonly expiresAt: string;
  readonly kind: VolanteKind;
  readonly preview: VolantePreview;
}

export const DEFAULT_GRANT_TTL_MS = 300_000;

export interface CitizenAccess {
  challenge(kiosk: Kiosk, service: CitizenService, now: Date): Promise<IssuedChallenge>;
  /** Checks the proof and issues at once. */
  volante(kiosk: Kiosk, request: VolanteRequest, now: Date): Promise<IssuedVolante>;
  /** Checks the proof and answers what the volante would say, with a grant to issue it. */
  previewVolante(kiosk: Kiosk, request: VolanteRequest, now: Date): Promise<VolanteGrant>;
  /** Issues the volante a grant of this kiosk was given for, spending the grant. */
  issueGranted(kiosk: Kiosk, grantId: string, now: Date): Promise<IssuedVolante>;
  /** Checks the proof (service `recibos.pendientes`) and lists the citizen's pending recibos. */
  pendingRecibos(kiosk: Kiosk, proof: CitizenProof, now: Date): Promise<CitizenRecibo[]>;
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

  /** Steps 1–5: the persona inscribed in the kiosk's municipality whose DNIe signed the challenge. */
  async function identify(
    kiosk: Kiosk,
    proof: CitizenProof,
    service: CitizenService,
    now: Date,
  ): Promise<InscriptionRow> {
    // Decode first: a malformed request must not spend the citizen's challenge.
    const der = decodeBase64(proof.certificate, 'certificate');
    const signature = decodeBase64(proof.signature, 'signature');
    const challenge = await consumeChallenge(db, {
      challengeId: proof.challengeId,
      kioskId: kiosk.kioskId,
      service,
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
      throw new CentralServiceError('central.citizen_certificate_invalid', 'certificate is itself an anchor');
    await revocation(kiosk, certificate, issuer, now);
    const dni = certificate.citizen.dniNumber;
    if (dni === undefined)
      throw new CentralServiceError('central.citizen_certificate_invalid', 'no DNI number in the subject');
    const persona = await findInscribedPersona(db, dni, kiosk.municipality);
    if (persona === undefined)
      throw new CentralServiceError('central.persona_unknown', 'no current inscripción for this DNI');
    return persona;
  }

  /** `work` and its `access_log` row commit together or not at all. */
  function withAccessLogged<T>(
    kiosk: Kiosk,
    persona: InscriptionRow,
    action: CitizenAction,
    now: Date,
    work: (tx: Queryable) => Promise<T>,
  ): Promise<T> {
    return db.transaction(async (tx) => {
      const result = await work(tx);
      await logCitizenAccess(tx, { at: now, personaId: persona.persona_id, kioskId: kiosk.kioskId, action });
      return result;
    });
  }

  function sealOf(kiosk: Kiosk): SealKey {
    const seal = options.sealOf(kiosk.municipality);
    if (seal === undefined)
      throw new CentralServiceError('central.seal_unavailable', `no seal for ${kiosk.municipality}`);
    return seal;
  }

  async function issue(
    kiosk: Kiosk,
    persona: InscriptionRow,
    kind: VolanteKind,
    content: VolanteContent,
    seal: SealKey,
    now: Date,
    withStored?: (tx: Queryable, volanteId: number) => Promise<void>,
  ): Promise<IssuedVolante> {
    const issued = await issueVolante(db, {
      requester: persona,
      content,
      kioskId: kiosk.kioskId,
      kind,
      now,
      validityMonths: options.volanteValidityMonths,
      seal,
      random: options.random,
      ...(withStored === undefined ? {} : { withStored }),
    });
    // The log line names ids, never the DNI or names.
    logger.info(
      { kiosk: kiosk.kioskId, persona: persona.persona_id, volante: issued.volanteId, kind: issued.kind },
      'volante issued',
    );
    return issued;
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
      const persona = await identify(kiosk, request, `volante.${request.kind}`, now);
      const seal = sealOf(kiosk);
      const content = await volanteContent(db, persona, kiosk.municipality, request.kind, now);
      return issue(kiosk, persona, request.kind, content, seal, now);
    },

    async previewVolante(kiosk, request, now) {
      const service: GrantService = `volante.${request.kind}`;
      const persona = await identify(kiosk, request, service, now);
      // Refused now rather than after the citizen has confirmed.
      sealOf(kiosk);
      const content = await volanteContent(db, persona, kiosk.municipality, request.kind, now);
      const grant = await withAccessLogged(kiosk, persona, 'volante_previewed', now, (tx) =>
        createGrant(tx, {
          kioskId: kiosk.kioskId,
          personaId: persona.persona_id,
          service,
          previewHash: contentHash(content),
          now,
          ttlMs: options.grantTtlMs ?? DEFAULT_GRANT_TTL_MS,
          random: options.random,
        }),
      );
      logger.info(
        { kiosk: kiosk.kioskId, persona: persona.persona_id, kind: request.kind },
        'volante previewed',
      );
      return {
        grantId: grant.id,
        expiresAt: grant.expiresAt.toISOString(),
        kind: request.kind,
        preview: { ...content, validezMeses: options.volanteValidityMonths },
      };
    },

    async issueGranted(kiosk, grantId, now) {
      const grant = await usableGrant(db, grantId, kiosk.kioskId, now);
      const kind: VolanteKind = grant.service === 'volante.colectivo' ? 'colectivo' : 'individual';
      const persona = await findInscribedPersonaById(db, grant.personaId, kiosk.municipality);
      if (persona === undefined)
        throw new CentralServiceError('central.persona_unknown', 'no current inscripción since the preview');
      const seal = sealOf(kiosk);
      const content = await volanteContent(db, persona, kiosk.municipality, kind, now);
      // The citizen confirmed what the preview showed; a volante saying anything else is not theirs.
      if (contentHash(content) !== grant.previewHash)
        throw new CentralServiceError(
          'central.grant_stale',
          'padrón data or the municipality texts changed since the preview',
        );
      return issue(kiosk, persona, kind, content, seal, now, (tx, volanteId) =>
        spendGrant(tx, { grantId, kioskId: kiosk.kioskId, volanteId, now }),
      );
    },

    async pendingRecibos(kiosk, proof, now) {
      const persona = await identify(kiosk, proof, 'recibos.pendientes', now);
      const recibos = await withAccessLogged(kiosk, persona, 'recibos_consulted', now, (tx) =>
        citizenPendingRecibos(tx, persona.persona_id, kiosk.municipality),
      );
      logger.info(
        { kiosk: kiosk.kioskId, persona: persona.persona_id, recibos: recibos.length },
        'pending recibos consulted',
      );
      return recibos;
    },
  };
}
