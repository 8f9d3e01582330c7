-- Sync API (issue 8 §8): the per-kiosk sequence that orders a kiosk's events, the refund flag of a
-- recibo paid twice, and the fleet health table the heartbeat fills.

-- The kiosk outbox's position of each event. Central lists a kiosk's events in this order, whatever
-- order batches arrived in. NULL only for rows stored before this migration (there were none in use).
ALTER TABLE kiosk_events ADD COLUMN sequence bigint CHECK (sequence IS NULL OR sequence > 0);
ALTER TABLE kiosk_events ADD CONSTRAINT kiosk_events_sequence_unique UNIQUE (kiosk_id, sequence);

-- Two kiosks may take the same recibo while offline: both payments are stored, the later one points
-- at the first and waits for a refund (DESIGN.md, "nothing lost, nothing twice").
ALTER TABLE recibos_pagados ADD COLUMN duplicate_of bigint REFERENCES recibos_pagados (id);
ALTER TABLE recibos_pagados ADD COLUMN refund_required boolean NOT NULL DEFAULT false;
ALTER TABLE recibos_pagados ADD CONSTRAINT recibos_pagados_refund_iff_duplicate
  CHECK (refund_required = (duplicate_of IS NOT NULL));

-- Latest heartbeat of each kiosk: one row per kiosk, replaced by every heartbeat.
CREATE TABLE kiosk_health (
  kiosk_id text PRIMARY KEY REFERENCES kiosks (id),
  -- central's clock when the heartbeat arrived, and the kiosk's own clock (skew shows here).
  received_at timestamptz NOT NULL,
  kiosk_time timestamptz NOT NULL,
  software_version text NOT NULL CHECK (length(software_version) BETWEEN 1 AND 64),
  -- Events waiting in the kiosk's outbox when it sent the heartbeat.
  outbox_pending integer NOT NULL CHECK (outbox_pending >= 0),
  -- [{ "device": "printer", "state": "ok" | "warning" | "error" | "absent", "code": …, "detail": … }]
  devices jsonb NOT NULL CHECK (jsonb_typeof(devices) = 'array')
);

-- A kiosk lists the pending recibos of its municipality: emisoras whose first 5 digits are its INE code.
CREATE INDEX recibos_pendientes_municipality ON recibos_pendientes (substr(emisora, 1, 5), id);
