-- 0003: the audit chain (issue 9 item 5, core/audit/README.md). Append-only and hash-linked; the
-- triggers make an edit or a removal a deliberate act on the file (drop the trigger first), which
-- `kioskctl audit verify` then detects.

CREATE TABLE audit_entries (
  seq        INTEGER PRIMARY KEY CHECK (seq >= 1),
  at         TEXT NOT NULL,
  kind       TEXT NOT NULL,
  -- canonical JSON (core/audit/canonical.ts): the hashed form, byte for byte.
  data       TEXT NOT NULL,
  prev_hash  TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash       TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
);

-- Only at the end, and only linked to the entry before it.
CREATE TRIGGER audit_entries_append_only_insert BEFORE INSERT ON audit_entries
WHEN NEW.seq <> COALESCE((SELECT MAX(seq) FROM audit_entries), 0) + 1
  OR (NEW.seq > 1 AND NEW.prev_hash IS NOT (SELECT hash FROM audit_entries WHERE seq = NEW.seq - 1))
BEGIN
  SELECT RAISE(ABORT, 'audit_entries: an entry goes at the end, linked to the last one');
END;
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN
  SELECT RAISE(ABORT, 'audit_entries is append-only: no UPDATE');
END;
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN
  SELECT RAISE(ABORT, 'audit_entries is append-only: no DELETE');
END;

-- Each entry's copy for central (outbox type 'audit.entry', written in the same transaction) is part
-- of the evidence: its payload may not change and the row may not go.
CREATE TRIGGER outbox_audit_no_delete BEFORE DELETE ON outbox WHEN OLD.type = 'audit.entry'
BEGIN
  SELECT RAISE(ABORT, 'outbox: audit entries are not deleted');
END;
CREATE TRIGGER outbox_audit_no_rewrite BEFORE UPDATE OF event_id, type, payload ON outbox
WHEN OLD.type = 'audit.entry'
BEGIN
  SELECT RAISE(ABORT, 'outbox: audit entries are not rewritten');
END;

-- The anchor against a removed tail: the highest entry central acknowledged, raised by the sync
-- client's markSent (through this trigger), never lowered.
CREATE TABLE audit_anchor (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  acked_seq   INTEGER NOT NULL DEFAULT 0,
  acked_hash  TEXT,
  acked_at    TEXT
);
INSERT INTO audit_anchor (id) VALUES (1);
CREATE TRIGGER audit_anchor_acknowledged AFTER UPDATE OF sent_at ON outbox
WHEN NEW.type = 'audit.entry' AND OLD.sent_at IS NULL AND NEW.sent_at IS NOT NULL
  AND json_extract(NEW.payload, '$.seq') > (SELECT acked_seq FROM audit_anchor WHERE id = 1)
BEGIN
  UPDATE audit_anchor SET acked_seq = json_extract(NEW.payload, '$.seq'),
    acked_hash = json_extract(NEW.payload, '$.hash'), acked_at = NEW.sent_at WHERE id = 1;
END;
CREATE TRIGGER audit_anchor_never_lowered BEFORE UPDATE ON audit_anchor
WHEN NEW.acked_seq < OLD.acked_seq
BEGIN
  SELECT RAISE(ABORT, 'audit_anchor: the acknowledged head is never lowered');
END;
CREATE TRIGGER audit_anchor_no_delete BEFORE DELETE ON audit_anchor
BEGIN
  SELECT RAISE(ABORT, 'audit_anchor: not deleted');
END;

-- Payment outcomes enter the chain from the ledger's own history (payment_events), so a crash
-- between a payment's commit and its audit entry loses nothing: the next catch-up records it.
-- The cursor moves in the same transaction as the entries it covers. The chain starts now: the
-- history before this migration is in the ledger, not re-told here.
CREATE TABLE audit_cursor (
  id                  INTEGER PRIMARY KEY CHECK (id = 1),
  payment_event_seq   INTEGER NOT NULL
);
INSERT INTO audit_cursor (id, payment_event_seq) VALUES (1, (SELECT COALESCE(MAX(seq), 0) FROM payment_events));
