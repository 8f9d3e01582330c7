-- 0002: what the sync client to central needs (issue 9 §4). The ledger's tables keep their meaning.

-- Central orders a kiosk's events by a sequence number that must never be reused for another event
-- (central's `kiosk_events_sequence_unique`). The implicit rowid is not that promise (VACUUM may
-- renumber a table without an INTEGER PRIMARY KEY), so each outbox event gets its own number when it
-- is written, in the same transaction, and keeps it across every resend.
ALTER TABLE outbox ADD COLUMN sequence INTEGER;
UPDATE outbox SET sequence = (SELECT COUNT(*) FROM outbox AS o WHERE o.rowid <= outbox.rowid);
CREATE UNIQUE INDEX outbox_sequence ON outbox (sequence);
CREATE INDEX outbox_unsent_sequence ON outbox (sequence) WHERE sent_at IS NULL;
CREATE TRIGGER outbox_assign_sequence AFTER INSERT ON outbox WHEN NEW.sequence IS NULL
BEGIN
  UPDATE outbox SET sequence = (SELECT COALESCE(MAX(sequence), 0) + 1 FROM outbox) WHERE rowid = NEW.rowid;
END;

-- The client's own state, one row: the paid-recibo cursor (written in the same transaction as the
-- recibos it covers) and the last outcome of an exchange with central.
CREATE TABLE sync_state (
  id                   INTEGER PRIMARY KEY CHECK (id = 1),
  paid_cursor          TEXT NOT NULL DEFAULT '0',
  last_success_at      TEXT,
  last_failure_at      TEXT,
  last_failure_code    TEXT,
  last_failure_detail  TEXT
);
INSERT INTO sync_state (id) VALUES (1);

-- Which payment central counts as each paid recibo's payment (the first one; later ones are flagged
-- for refund), so that the kiosk can tell "paid elsewhere" from "my own payment, synced back". Beside
-- paid_recibos rather than in it: the ledger's table keeps its shape.
CREATE TABLE paid_recibo_payments (
  recibo_key        TEXT PRIMARY KEY,
  justificante_csv  TEXT NOT NULL,
  kiosk_id          TEXT NOT NULL
);
