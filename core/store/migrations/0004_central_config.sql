-- 0004: the configuration central gives this kiosk (GET /v1/kiosk-config: municipality, texts, emisoras).
-- One row, the last good answer as central sent it: a malformed answer never replaces it, and an
-- unchanged version is not written again (fetched_at is when this version first arrived).
CREATE TABLE central_config (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  version     TEXT NOT NULL,
  config      TEXT NOT NULL,
  fetched_at  TEXT NOT NULL
);
