/** Kiosk heartbeats and the fleet health table they fill (one row per kiosk, the latest wins). */
import type { Queryable } from '../db/index.ts';
import type { KioskIdentity } from './ingest.ts';

export interface DeviceState {
  readonly device: string;
  readonly state: 'ok' | 'warning' | 'error' | 'absent';
  readonly code?: string;
  readonly detail?: string;
}

export interface Heartbeat {
  readonly kioskTime: string;
  readonly softwareVersion: string;
  readonly outboxPending: number;
  readonly devices: readonly DeviceState[];
}

export async function recordHeartbeat(
  q: Queryable,
  kiosk: KioskIdentity,
  heartbeat: Heartbeat,
  receivedAt: Date,
): Promise<void> {
  await q.query(
    `INSERT INTO kiosk_health (kiosk_id, received_at, kiosk_time, software_version, outbox_pending, devices)
     VALUES ($1, $2, $3, $4, $5, $6::text::jsonb)
     ON CONFLICT (kiosk_id) DO UPDATE SET received_at = EXCLUDED.received_at, kiosk_time = EXCLUDED.kiosk_time,
       software_version = EXCLUDED.software_version, outbox_pending = EXCLUDED.outbox_pending,
       devices = EXCLUDED.devices`,
    [
      kiosk.kioskId,
      receivedAt,
      heartbeat.kioskTime,
      heartbeat.softwareVersion,
      heartbeat.outboxPending,
      JSON.stringify(heartbeat.devices),
    ],
  );
}

export interface FleetHealthRow {
  readonly kioskId: string;
  readonly municipality: string;
  readonly status: 'enrolled' | 'revoked';
  readonly lastSeen: Date | null;
  readonly kioskTime: Date | null;
  readonly softwareVersion: string | null;
  readonly outboxPending: number | null;
  readonly devices: DeviceState[];
}

/** Every kiosk of the municipality (or all) with its latest heartbeat, never-seen kiosks included. */
export async function fleetHealth(q: Queryable, municipality?: string): Promise<FleetHealthRow[]> {
  const { rows } = await q.query<{
    id: string;
    municipality_code: string;
    status: 'enrolled' | 'revoked';
    received_at: Date | null;
    kiosk_time: Date | null;
    software_version: string | null;
    outbox_pending: number | null;
    devices: DeviceState[] | null;
  }>(
    `SELECT k.id, k.municipality_code, k.status, h.received_at, h.kiosk_time, h.software_version,
            h.outbox_pending, h.devices
       FROM kiosks k LEFT JOIN kiosk_health h ON h.kiosk_id = k.id
      WHERE $1::text IS NULL OR k.municipality_code = $1
      ORDER BY k.id`,
    [municipality ?? null],
  );
  return rows.map((row) => ({
    kioskId: row.id,
    municipality: row.municipality_code,
    status: row.status,
    lastSeen: row.received_at,
    kioskTime: row.kiosk_time,
    softwareVersion: row.software_version,
    outboxPending: row.outbox_pending,
    devices: row.devices ?? [],
  }));
}
