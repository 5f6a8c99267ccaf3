-- 0002: small named documents of app state (face authentication, e-tax
-- login) that must survive a restart. JSON, written whole.

CREATE TABLE app_state (
    name       TEXT PRIMARY KEY,
    payload    TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;
