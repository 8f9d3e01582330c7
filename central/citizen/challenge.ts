/**
 * Challenges a citizen signs with the DNIe (issue 8 part 5): random, bound to one kiosk, one service
 * and a short lifetime, used once. They live in `citizen_challenges` (migration 6), not in memory:
 * the database is what several central processes share, a restart must not make a used challenge
 * usable again, and "used once" is a single conditional UPDATE that two racing requests cannot both win.
 */
import type { Queryable } from '../db/index.ts';
import { CentralServiceError } from '../service/service-error.ts';

export const CITIZEN_SERVICES = ['volante.individual', 'volante.colectivo', 'recibos.pendientes'] as const;
export type CitizenService = (typeof CITIZEN_SERVICES)[number];

export const CHALLENGE_BYTES = 32;
export const CHALLENGE_ID = /^[0-9a-f]{32}$/;

export interface IssuedChallenge {
  readonly challengeId: string;
  /** The bytes to sign, base64. */
  readonly challenge: string;
  readonly service: CitizenService;
  readonly expiresAt: string;
}

export interface ChallengeRequest {
  readonly kioskId: string;
  readonly service: CitizenService;
  readonly now: Date;
  readonly ttlMs: number;
  readonly random: (size: number) => Uint8Array;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

export async function issueChallenge(db: Queryable, request: ChallengeRequest): Promise<IssuedChallenge> {
  const id = hex(request.random(16));
  const challenge = request.random(CHALLENGE_BYTES);
  const expiresAt = new Date(request.now.getTime() + request.ttlMs);
  // Challenges are worth nothing once expired; a day's margin keeps them for diagnosing complaints.
  await db.query('DELETE FROM citizen_challenges WHERE expires_at < $1', [
    new Date(request.now.getTime() - 86_400_000),
  ]);
  await db.query(
    `INSERT INTO citizen_challenges (id, challenge, kiosk_id, service, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, hex(challenge), request.kioskId, request.service, request.now, expiresAt],
  );
  return {
    challengeId: id,
    challenge: Buffer.from(challenge).toString('base64'),
    service: request.service,
    expiresAt: expiresAt.toISOString(),
  };
}

interface ChallengeRow {
  kiosk_id: string;
  service: string;
  used_at: Date | null;
  expires_at: Date;
}

/**
 * Marks the challenge used and returns its bytes, or throws the reason it cannot be used: unknown,
 * of another kiosk or service (checked first: another kiosk learns nothing about its state), already
 * used, or expired. A foreign attempt does not consume it. Any other attempt does, whatever happens
 * next: a signature that fails must not be retried against the same challenge.
 */
export async function consumeChallenge(
  db: Queryable,
  request: {
    readonly challengeId: string;
    readonly kioskId: string;
    readonly service: CitizenService;
    readonly now: Date;
  },
): Promise<Uint8Array> {
  const { rows } = await db.query<{ challenge: string }>(
    `UPDATE citizen_challenges SET used_at = $4
      WHERE id = $1 AND kiosk_id = $2 AND service = $3 AND used_at IS NULL AND expires_at > $4
      RETURNING challenge`,
    [request.challengeId, request.kioskId, request.service, request.now],
  );
  const hit = rows[0];
  if (hit !== undefined) return new Uint8Array(Buffer.from(hit.challenge, 'hex'));
  const found = await db.query<ChallengeRow>(
    'SELECT kiosk_id, service, used_at, expires_at FROM citizen_challenges WHERE id = $1',
    [request.challengeId],
  );
  const row = found.rows[0];
  if (row === undefined) throw new CentralServiceError('central.challenge_unknown', 'no such challenge');
  if (row.kiosk_id !== request.kioskId || row.service !== request.service)
    throw new CentralServiceError(
      'central.challenge_foreign',
      row.kiosk_id !== request.kioskId ? 'challenge of another kiosk' : `challenge for ${row.service}`,
    );
  if (row.used_at !== null) throw new CentralServiceError('central.challenge_used', 'challenge already used');
  throw new CentralServiceError(
    'central.challenge_expired',
    `challenge expired at ${row.expires_at.toISOString()}`,
  );
}
