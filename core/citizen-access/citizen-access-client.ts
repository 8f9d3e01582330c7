/**
 * The kiosk's side of central's citizen routes (central/README.md "Citizen access and volantes"): a
 * challenge for the DNIe to sign, the volante preview and its issue by grant, the citizen's pending
 * recibos. Over the kiosk's own mutual-TLS connection to central (core/sync `openCentralConnection`), a
 * fresh one per call (the files are read again, as for sync). Every answer is zod-checked; every failure
 * is a `CitizenAccessError` with the session's failure reason. Nothing here logs: the caller logs codes.
 */
import type { VolanteKind } from '../api/contract.ts';
import type { CentralConnection } from '../sync/central-http.ts';
import { CitizenAccessError, failureReasonOf } from './errors.ts';
import {
  type CentralRecibo,
  type CitizenService,
  challengeAnswerSchema,
  errorAnswerSchema,
  type IssueAnswer,
  issueAnswerSchema,
  type PreviewAnswer,
  previewAnswerSchema,
  recibosAnswerSchema,
} from './wire.ts';
import type { z } from 'zod';

/** A challenge from central: `challenge` are the bytes the DNIe signs. */
export interface CentralChallenge {
  readonly challengeId: string;
  readonly challenge: Uint8Array;
  readonly expiresAt: string;
}

/** What proves who the citizen is: the card's signature over central's challenge. */
export interface CitizenProof {
  readonly challengeId: string;
  readonly certificateDer: Uint8Array;
  readonly signature: Uint8Array;
}

/** What the session needs of central (the client below, or a test's fake of the machine's logic). */
export interface CitizenAccess {
  challenge(service: CitizenService): Promise<CentralChallenge>;
  previewVolante(proof: CitizenProof, kind: VolanteKind): Promise<PreviewAnswer>;
  issueVolante(grantId: string): Promise<IssueAnswer>;
  pendingRecibos(proof: CitizenProof): Promise<CentralRecibo[]>;
}

export interface CitizenAccessClientOptions {
  /** Opens the kiosk's mTLS connection to central; may throw (no credentials, no endpoint). */
  readonly connect: () => CentralConnection;
  /** Whole-call limit, connection included (default 20 s): the citizen is waiting in front of the screen. */
  readonly timeoutMs?: number;
}

/** Bytes of central's challenge (central/README.md: 32 random bytes). */
const CHALLENGE_BYTES = 32;
const DEFAULT_TIMEOUT_MS = 20_000;

const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

export class CitizenAccessClient implements CitizenAccess {
  readonly #connect: () => CentralConnection;
  readonly #timeoutMs: number;

  constructor(options: CitizenAccessClientOptions) {
    this.#connect = options.connect;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async challenge(service: CitizenService): Promise<CentralChallenge> {
    const answer = await this.#post('/v1/citizen/challenge', { service }, challengeAnswerSchema);
    const challenge = new Uint8Array(Buffer.from(answer.challenge, 'base64'));
    if (challenge.length !== CHALLENGE_BYTES || answer.service !== service) {
      throw new CitizenAccessError(
        'citizen_access.bad_answer',
        'error_interno',
        `challenge of ${challenge.length} bytes for ${answer.service}, asked ${service}`,
      );
    }
    return { challengeId: answer.challengeId, challenge, expiresAt: answer.expiresAt };
  }

  async previewVolante(proof: CitizenProof, kind: VolanteKind): Promise<PreviewAnswer> {
    const answer = await this.#post(
      '/v1/citizen/volante/preview',
      { ...proofBody(proof), kind },
      previewAnswerSchema,
    );
    if (answer.kind !== kind) {
      throw new CitizenAccessError('citizen_access.bad_answer', 'error_interno', `preview of ${answer.kind}`);
    }
    return answer;
  }

  async issueVolante(grantId: string): Promise<IssueAnswer> {
    const answer = await this.#post('/v1/citizen/volante/issue', { grantId }, issueAnswerSchema);
    if (answer.document.csv !== answer.csv || answer.document.clase !== answer.kind) {
      throw new CitizenAccessError(
        'citizen_access.bad_answer',
        'error_interno',
        'document differs from answer',
      );
    }
    return answer;
  }

  async pendingRecibos(proof: CitizenProof): Promise<CentralRecibo[]> {
    return (await this.#post('/v1/citizen/recibos-pendientes', proofBody(proof), recibosAnswerSchema))
      .recibos;
  }

  async #post<S extends z.ZodType>(route: string, body: unknown, schema: S): Promise<z.output<S>> {
    let connection: CentralConnection;
    try {
      connection = this.#connect();
    } catch (error) {
      throw new CitizenAccessError(
        'citizen_access.unreachable',
        'sin_conexion',
        `${route}: ${codeOf(error)}`,
        {
          cause: error,
        },
      );
    }
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.#timeoutMs);
    let status: number;
    let text: string;
    try {
      ({ status, text } = await connection.exchange('POST', route, body, { signal: abort.signal }));
    } catch (error) {
      const what = abort.signal.aborted ? `no answer in ${this.#timeoutMs} ms` : codeOf(error);
      throw new CitizenAccessError('citizen_access.unreachable', 'sin_conexion', `${route}: ${what}`, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
      connection.close();
    }
    const json = parseJson(text);
    if (status !== 200) {
      const refusal = errorAnswerSchema.safeParse(json);
      const centralCode = refusal.success ? refusal.data.error.code : undefined;
      throw new CitizenAccessError(
        'citizen_access.refused',
        failureReasonOf(status, centralCode),
        `${route}: ${status} ${centralCode ?? 'no error code'}`,
        centralCode === undefined ? {} : { centralCode },
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      // Paths only: the values may be someone's data.
      const paths = parsed.error.issues.slice(0, 5).map((issue) => issue.path.join('.') || '(body)');
      throw new CitizenAccessError(
        'citizen_access.bad_answer',
        'error_interno',
        `${route}: answer does not fit at ${paths.join(', ')}`,
      );
    }
    return parsed.data;
  }
}

function proofBody(proof: CitizenProof) {
  return {
    challengeId: proof.challengeId,
    certificate: toBase64(proof.certificateDer),
    signature: toBase64(proof.signature),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unknown';
}
