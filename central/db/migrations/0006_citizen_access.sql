-- Citizen access by DNIe signature (issue 8 part 5) and sealed volantes (part 6).

-- A challenge the kiosk's citizen signs with the DNIe. Kept in the database, not in memory: the
-- database is the only state several central processes share, a restart must not reopen a used
-- challenge, and "single use" is one conditional UPDATE (used_at IS NULL) that two racing requests
-- cannot both win.
CREATE TABLE citizen_challenges (
  id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{32}$'),
  -- The random bytes to sign, hex (32 bytes).
  challenge text NOT NULL CHECK (challenge ~ '^[0-9a-f]{64}$'),
  kiosk_id text NOT NULL REFERENCES kiosks (id),
  service text NOT NULL CHECK (service IN ('volante.individual', 'volante.colectivo', 'recibos.pendientes')),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  CONSTRAINT citizen_challenges_expiry CHECK (expires_at > created_at)
);

-- Expired challenges are purged by age.
CREATE INDEX citizen_challenges_expires ON citizen_challenges (expires_at);

-- What the seal covers: the canonical JSON of the document (UTF-8, keys sorted) and the CMS
-- SignedData (DER, base64) by the municipality's seal key over exactly those bytes (detached).
-- Volantes issued before this migration have neither.
ALTER TABLE volantes ADD COLUMN document text;
ALTER TABLE volantes ADD COLUMN seal text CHECK (seal IS NULL OR seal ~ '^[A-Za-z0-9+/]+={0,2}$');
ALTER TABLE volantes ADD CONSTRAINT volantes_sealed_document CHECK ((document IS NULL) = (seal IS NULL));
