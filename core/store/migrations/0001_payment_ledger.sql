-- 0001: the payment ledger (issue 7). Money rules live in the schema where SQLite can hold them.

CREATE TABLE payments (
  id                  TEXT PRIMARY KEY,
  -- emisora + referencia + DC + identificación: one recibo, whatever modalidad or channel it came from.
  recibo_key          TEXT NOT NULL,
  modalidad           INTEGER NOT NULL CHECK (modalidad IN (1, 2)),
  emisora             TEXT NOT NULL,
  referencia          TEXT NOT NULL,
  referencia_control  TEXT NOT NULL,
  identificacion      TEXT NOT NULL,
  tributo             TEXT NOT NULL,
  ejercicio           INTEGER NOT NULL,
  amount_cents        INTEGER NOT NULL CHECK (amount_cents > 0),
  state               TEXT NOT NULL CHECK (state IN ('created', 'sent_to_terminal', 'approved', 'declined',
                        'unknown', 'justificante_printed', 'justificante_failed', 'synced', 'needs_attention',
                        'reversed', 'cancelled')),
  -- Código Seguro de Verificación of the justificante, issued by the kiosk when the payment is created.
  csv                 TEXT NOT NULL UNIQUE,
  -- Taken while central was unreachable (offline limits count these).
  offline             INTEGER NOT NULL CHECK (offline IN (0, 1)),
  terminal_id         TEXT,
  terminal_receipt_no INTEGER,
  terminal_trace_no   INTEGER,
  authorisation_code  TEXT,
  card_name           TEXT,
  -- Masked PAN only (PCI DSS): never five digits in a row.
  masked_pan          TEXT CHECK (masked_pan IS NULL OR masked_pan NOT GLOB '*[0-9][0-9][0-9][0-9][0-9]*'),
  refusal_code        TEXT,
  attention_reason    TEXT,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
);

-- A recibo is paid at most once: while one payment of it is live (possibly charged), no other may exist.
CREATE UNIQUE INDEX payments_one_live_per_recibo ON payments (recibo_key)
  WHERE state NOT IN ('declined', 'reversed', 'cancelled');
-- Not unique: many terminals restart receipt numbers after End-of-Day.
CREATE INDEX payments_receipt_no ON payments (terminal_receipt_no) WHERE terminal_receipt_no IS NOT NULL;
CREATE INDEX payments_created_at ON payments (created_at);
CREATE INDEX payments_state ON payments (state);

-- Every state change, in order.
CREATE TABLE payment_events (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  payment_id  TEXT NOT NULL REFERENCES payments (id),
  from_state  TEXT,
  to_state    TEXT NOT NULL,
  at          TEXT NOT NULL,
  detail      TEXT
);
CREATE INDEX payment_events_payment ON payment_events (payment_id, seq);

-- Events for central, written in the same transaction as the state they report.
-- event_id is the idempotency key central deduplicates on: `<payment id>.<type suffix>`.
CREATE TABLE outbox (
  event_id    TEXT PRIMARY KEY,
  type        TEXT NOT NULL,
  payment_id  TEXT REFERENCES payments (id),
  payload     TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  sent_at     TEXT
);
CREATE INDEX outbox_unsent ON outbox (created_at) WHERE sent_at IS NULL;

-- The paid-recibo list synced from central, replaced whole, with the time central vouches for.
CREATE TABLE paid_recibos (
  recibo_key  TEXT PRIMARY KEY,
  paid_at     TEXT
);
CREATE TABLE paid_list_meta (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  as_of       TEXT NOT NULL,
  received_at TEXT NOT NULL
);
