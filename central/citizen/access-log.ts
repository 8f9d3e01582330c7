/**
 * The `access_log` row of a citizen's access to padrón data (spanish-formats.md §4): who (persona id),
 * when, at which kiosk, what, which document. Nothing else personal.
 */
import type { Queryable } from '../db/index.ts';

export type CitizenAction = 'volante_issued' | 'volante_previewed' | 'recibos_consulted';

export async function logCitizenAccess(
  q: Queryable,
  entry: {
    readonly at: Date;
    readonly personaId: number;
    readonly kioskId: string;
    readonly action: CitizenAction;
    readonly volanteId?: number;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO access_log (occurred_at, actor, persona_id, kiosk_id, action, volante_id)
     VALUES ($1, 'citizen', $2, $3, $4, $5)`,
    [entry.at, entry.personaId, entry.kioskId, entry.action, entry.volanteId ?? null],
  );
}
