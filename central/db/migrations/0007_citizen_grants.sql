-- The volante preview (issue 9): the kiosk shows the citizen what would be printed and issues it only
-- after the citizen confirms. The DNIe signature is checked once, at the preview; what it earns is a
-- grant: one volante of one kind, for one persona, at one kiosk, for a few minutes, used once.

-- In the database for the reasons challenges are (migration 6): several central processes share it,
-- a restart must not reopen a used grant, and "used once" is one conditional UPDATE.
CREATE TABLE citizen_grants (
  id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{32}$'),
  kiosk_id text NOT NULL REFERENCES kiosks (id),
  persona_id bigint NOT NULL REFERENCES personas (id),
  service text NOT NULL CHECK (service IN ('volante.individual', 'volante.colectivo')),
  -- SHA-256 (hex) of the canonical JSON of the preview shown: the volante issued must say the same.
  preview_hash text NOT NULL CHECK (preview_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  -- The volante the grant was spent on, set in the same transaction that stores it.
  volante_id bigint REFERENCES volantes (id),
  CONSTRAINT citizen_grants_expiry CHECK (expires_at > created_at),
  CONSTRAINT citizen_grants_used_for_volante CHECK ((used_at IS NULL) = (volante_id IS NULL))
);

CREATE INDEX citizen_grants_expires ON citizen_grants (expires_at);

-- Reading padrón data for a preview and listing a citizen's pending recibos are accesses too.
ALTER TABLE access_log DROP CONSTRAINT access_log_action_check;
ALTER TABLE access_log ADD CONSTRAINT access_log_action_check CHECK (
  action IN ('padron_read', 'volante_issued', 'volante_refused', 'volante_verified', 'volante_previewed',
    'recibos_consulted')
);

