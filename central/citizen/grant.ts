/**
 * Grants (issue 9): what a checked DNIe signature earns at the volante preview. The citizen sees the
 * preview, confirms, and the kiosk asks for the volante with the grant alone: one volante of one kind,
 * for one persona, at the kiosk that asked, within a few minutes, once. They live in `citizen_grants`
 * (migration 7) for the reasons challenges live in the database (challenge.ts).
 */
import type { Queryable } from '../db/index.ts';
import { CentralServiceError } from '../service/service-error.ts';
import type { CitizenService } from './challenge.ts';

export const GRANT_ID = /^[0-9a-f]{32}$/;

export type GrantService = Extract<CitizenService, `volante.${string}`>;

export interface NewGrant {
  readonly kioskId: string;
  readonly personaId: number;
  readonly service: GrantService;
  readonly previewHash: string;
  readonly now: Date;
  readonly ttlMs: number;
  readonly random: (size: number) => Uint8Array;
}

export interface Grant {
  readonly personaId: number;
  readonly service: GrantService;
  readonly previewHash: string;
}

export async function createGrant(q: Queryable, grant: NewGrant): Promise<{ id: string; expiresAt: Date }> {
  const id = Buffer.from(grant.random(16)).toString('hex');
  const expiresAt = new Date(grant.now.getTime() + grant.ttlMs);
  // Worth nothing once expired; a day's margin keeps them for diagnosing complaints, as challenges.
  await q.query('DELETE FROM citizen_grants WHERE expires_at < $1', [
    new Date(grant.now.getTime() - 86_400_000),
  ]);
  await q.query(
    `INSERT INTO citizen_grants (id, kiosk_id, persona_id, service, preview_hash, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, grant.kioskId, grant.personaId, grant.service, grant.previewHash, grant.now, expiresAt],
  );
  return { id, expiresAt };
}

interface GrantRow {
  kiosk_id: string;
  persona_id: number;
  service: GrantService;
  preview_hash: string;
  used_at: Date | null;
  expires_at: Date;
}

/**
 * The grant if this kiosk may use it now, else the reason it may not: unknown, another kiosk's
 * (checked first: another kiosk learns nothing of its state), used, expired.
 */
export async function usableGrant(q: Queryable, grantId: string, kioskId: string, now: Date): Promise<Grant> {
  const { rows } = await q.query<GrantRow>(
    'SELECT kiosk_id, persona_id, service, preview_hash, used_at, expires_at FROM citizen_grants WHERE id = $1',
    [grantId],
  );
  const row = rows[0];
  if (row === undefined) throw new CentralServiceError('central.grant_unknown', 'no such grant');
  if (row.kiosk_id !== kioskId)
    throw new CentralServiceError('central.grant_foreign', 'grant of another kiosk');
  if (row.used_at !== null) throw new CentralServiceError('central.grant_used', 'grant already used');
  if (row.expires_at.getTime() <= now.getTime())
    throw new CentralServiceError(
      'central.grant_expired',
      `grant expired at ${row.expires_at.toISOString()}`,
    );
  return { personaId: row.persona_id, service: row.service, previewHash: row.preview_hash };
}

/**
 * Spends the grant on `volanteId`, in the transaction that stores the volante: two racing requests
 * cannot both win the conditional UPDATE, and the loser's volante rolls back with its refusal.
 */
export async function spendGrant(
  tx: Queryable,
  spend: {
    readonly grantId: string;
    readonly kioskId: string;
    readonly volanteId: number;
    readonly now: Date;
  },
): Promise<void> {
  const { rows } = await tx.query(
    `UPDATE citizen_grants SET used_at = $3, volante_id = $4
      WHERE id = $1 AND kiosk_id = $2 AND used_at IS NULL AND expires_at > $3
      RETURNING id`,
    [spend.grantId, spend.kioskId, spend.now, spend.volanteId],
  );
  if (rows.length === 0) {
    await usableGrant(tx, spend.grantId, spend.kioskId, spend.now);
    // Still usable when read again: only a race explains it, and the race was lost.
    throw new CentralServiceError('central.grant_used', 'grant used by a concurrent request');
  }
}
