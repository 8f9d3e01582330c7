-- Municipalities this central serves and the kiosks enrolled in them.
-- Text columns carry CHECKs on their form: whatever a bug or a hand-written UPDATE tries, the table
-- holds only values the rest of the system can print and compare.

CREATE TABLE municipalities (
  -- INE code: 2 digits of province + 3 of municipality (kiosk-config municipality.ineCode).
  ine_code text PRIMARY KEY CHECK (ine_code ~ '^[0-9]{5}$'),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  -- Base URL of the sede's verification page, printed with every CSV (spanish-formats.md §5).
  verification_url text NOT NULL CHECK (verification_url ~ '^https?://[^[:space:]]+$' AND length(verification_url) <= 500),
  -- The body hosting this central when it is not the municipality itself (a Diputación).
  hosting_body text CHECK (hosting_body IS NULL OR length(btrim(hosting_body)) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE kiosks (
  -- The kiosk's configured id (kiosk-config kioskId), also the subject of its client certificate.
  id text PRIMARY KEY CHECK (id ~ '^[A-Z0-9][A-Z0-9-]{2,31}$'),
  municipality_code text NOT NULL REFERENCES municipalities (ine_code),
  -- SHA-256 of the DER of the kiosk's mutual-TLS certificate, lower-case hex.
  certificate_fingerprint text NOT NULL CHECK (certificate_fingerprint ~ '^[0-9a-f]{64}$'),
  status text NOT NULL DEFAULT 'enrolled' CHECK (status IN ('enrolled', 'revoked')),
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  CONSTRAINT kiosks_certificate_unique UNIQUE (certificate_fingerprint),
  CONSTRAINT kiosks_revoked_at_iff_revoked CHECK ((status = 'revoked') = (revoked_at IS NOT NULL)),
  CONSTRAINT kiosks_revoked_after_enrolled CHECK (revoked_at IS NULL OR revoked_at >= enrolled_at)
);

CREATE INDEX kiosks_municipality ON kiosks (municipality_code);
