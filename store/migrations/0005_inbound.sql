-- 0005: inbound invoices (进项发票) synced from the bureau (service S000621),
-- the history of their check status and state, and the sync runs.
--
-- Money is INTEGER cents here, unlike the TEXT of 0001: these tables are
-- summed over a million rows, and SQLite sums integers exactly and fast
-- (it would read TEXT as floats). The store converts to and from decimal
-- and refuses a value with more than two decimals. The billing date is a
-- date, TEXT 'YYYY-MM-DD' (China date), so that text order is date order;
-- the other times are fixed-width UTC as in 0001. NULL is "none": an
-- amount a voucher does not have, a date the bureau did not give.

CREATE TABLE inbound_invoices (
    id                  INTEGER PRIMARY KEY,
    key                 TEXT    NOT NULL UNIQUE CHECK (key <> ''),
    status              TEXT    NOT NULL,
    period              TEXT    NOT NULL DEFAULT '',
    kind                TEXT    NOT NULL DEFAULT '',
    code                TEXT    NOT NULL DEFAULT '',
    number              TEXT    NOT NULL,
    type                TEXT    NOT NULL,
    billing_date        TEXT    CHECK (length(billing_date) = 10),
    buyer_name          TEXT    NOT NULL DEFAULT '',
    buyer_tax_id        TEXT    NOT NULL DEFAULT '',
    seller_name         TEXT    NOT NULL DEFAULT '',
    seller_tax_id       TEXT    NOT NULL DEFAULT '',
    amount_cents        INTEGER CHECK (typeof(amount_cents) IN ('integer', 'null')),
    tax_cents           INTEGER NOT NULL CHECK (typeof(tax_cents) = 'integer'),
    valid_tax_cents     INTEGER NOT NULL CHECK (typeof(valid_tax_cents) = 'integer'),
    state               TEXT    NOT NULL DEFAULT '',
    check_code          TEXT    NOT NULL DEFAULT '',
    deductible          TEXT    NOT NULL DEFAULT '',
    deductible_date     TEXT,
    deductible_period   TEXT    NOT NULL DEFAULT '',
    deductible_type     TEXT    NOT NULL DEFAULT '',
    deductible_mode     TEXT    NOT NULL DEFAULT '',
    check_status        TEXT    NOT NULL DEFAULT '',
    check_date          TEXT,
    management_status   TEXT    NOT NULL DEFAULT '',
    abnormal_type       TEXT    NOT NULL DEFAULT '',
    mismatch            TEXT    NOT NULL DEFAULT '',
    export_domestic_no  TEXT    NOT NULL DEFAULT '',
    not_deductible_type TEXT    NOT NULL DEFAULT '',
    einvoice_number     TEXT    NOT NULL DEFAULT '',
    business_type       TEXT    NOT NULL DEFAULT '',
    source_id           TEXT    NOT NULL DEFAULT '',
    source              TEXT    NOT NULL DEFAULT '',
    check_time          TEXT,
    withheld            TEXT    NOT NULL DEFAULT '',
    modified_at         TEXT
);

-- Indexes: one for every filter and every sort of QueryInbound, each
-- measured on a million invoices (BenchmarkInboundPage1M).
--
-- A sort is by its column, then billing date where many invoices share a
-- value (a status, a type, a seller), then key, all in one direction: each
-- index below, read forwards or backwards, is one sort's order, so a page
-- is the first entries of an index walk instead of a sort of every match.
-- The filters a clerk uses with the default order (newest first) lead
-- their index, with billing_date after them: "unchecked, in March, newest
-- first" is one stretch of inbound_by_status.
--
-- The filter indexes end with the three amounts. A page's totals sum every
-- match, tens of thousands of them; read from the index they cost a
-- sequential scan of its entries, read from the table a random page read
-- each (about a second for the 350,000 invoices of one type). QueryInbound
-- also picks a page's ids from the index before it reads 100 rows, so
-- sorting "unchecked in March by amount" never reads the table either.
-- The plans rely on SQLite's assumptions without statistics; the store
-- runs no ANALYZE (TestInboundQueryPlans says why and pins them).
CREATE INDEX inbound_by_date ON inbound_invoices
    (billing_date, key, amount_cents, tax_cents, valid_tax_cents);
CREATE INDEX inbound_by_status ON inbound_invoices
    (status, billing_date, key, amount_cents, tax_cents, valid_tax_cents);
CREATE INDEX inbound_by_check_status ON inbound_invoices
    (check_status, billing_date, key, amount_cents, tax_cents, valid_tax_cents);
CREATE INDEX inbound_by_state ON inbound_invoices
    (state, billing_date, key, amount_cents, tax_cents, valid_tax_cents);
CREATE INDEX inbound_by_risk ON inbound_invoices
    (management_status, billing_date, key, amount_cents, tax_cents, valid_tax_cents);
CREATE INDEX inbound_by_type ON inbound_invoices
    (type, billing_date, key, amount_cents, tax_cents, valid_tax_cents);
CREATE INDEX inbound_by_period ON inbound_invoices
    (period, billing_date, key, amount_cents, tax_cents, valid_tax_cents);
CREATE INDEX inbound_by_seller_tax_id ON inbound_invoices
    (seller_tax_id, billing_date, key, amount_cents, tax_cents, valid_tax_cents);
CREATE INDEX inbound_by_seller_name ON inbound_invoices
    (seller_name, billing_date, key, amount_cents, tax_cents, valid_tax_cents);
CREATE INDEX inbound_by_amount ON inbound_invoices (amount_cents, key, tax_cents, valid_tax_cents);
CREATE INDEX inbound_by_tax ON inbound_invoices (tax_cents, key);
CREATE INDEX inbound_by_valid_tax ON inbound_invoices (valid_tax_cents, key);
CREATE INDEX inbound_by_number ON inbound_invoices (number, key);
-- A type within an amount range ("special VAT invoices of 1,000 to
-- 5,000"): inbound_by_type would read every invoice of the type.
CREATE INDEX inbound_by_type_amount ON inbound_invoices
    (type, amount_cents, billing_date, key, tax_cents, valid_tax_cents);

-- Every seller and buyer name seen, once, for substring search. A company
-- receives a million invoices from a few thousand sellers: a search runs
-- over these few thousand names, and the invoices of the names found are
-- then read through inbound_by_seller_name. (Indexing every invoice's
-- names instead, measured: the upsert a third slower, because FTS5 writes
-- out what it has pending at every statement that fires a trigger, and a
-- two-character search a scan of a million invoices.) The store removes
-- no names: one that no invoice bears any more finds no invoice.
CREATE TABLE inbound_names (
    id   INTEGER PRIMARY KEY,
    name TEXT    NOT NULL UNIQUE
);

-- The names' trigram index: every three characters of a name, so any
-- part of 3 or more characters is found without reading every name;
-- shorter ones are matched with LIKE. External content: each name is
-- stored once, in inbound_names.
CREATE VIRTUAL TABLE inbound_names_fts USING fts5(
    name, content = 'inbound_names', content_rowid = 'id', tokenize = 'trigram');

-- The triggers keep the names and their index in step with the invoices,
-- whoever writes them.
CREATE TRIGGER inbound_names_indexed AFTER INSERT ON inbound_names BEGIN
    INSERT INTO inbound_names_fts (rowid, name) VALUES (new.id, new.name);
END;

CREATE TRIGGER inbound_names_unindexed AFTER DELETE ON inbound_names BEGIN
    INSERT INTO inbound_names_fts (inbound_names_fts, rowid, name) VALUES ('delete', old.id, old.name);
END;

CREATE TRIGGER inbound_names_reindexed AFTER UPDATE OF name ON inbound_names BEGIN
    INSERT INTO inbound_names_fts (inbound_names_fts, rowid, name) VALUES ('delete', old.id, old.name);
    INSERT INTO inbound_names_fts (rowid, name) VALUES (new.id, new.name);
END;

CREATE TRIGGER inbound_invoice_names AFTER INSERT ON inbound_invoices BEGIN
    INSERT OR IGNORE INTO inbound_names (name) VALUES (new.seller_name), (new.buyer_name);
END;

CREATE TRIGGER inbound_invoice_renamed AFTER UPDATE OF seller_name, buyer_name ON inbound_invoices
    WHEN old.seller_name IS NOT new.seller_name OR old.buyer_name IS NOT new.buyer_name BEGIN
    INSERT OR IGNORE INTO inbound_names (name) VALUES (new.seller_name), (new.buyer_name);
END;

-- Every recorded change of an invoice's check status or state, in the
-- order recorded (id), under the sync run that saw it (0: none).
CREATE TABLE inbound_changes (
    id         INTEGER PRIMARY KEY,
    key        TEXT    NOT NULL,
    at         TEXT    NOT NULL,
    field      TEXT    NOT NULL CHECK (field IN ('check_status', 'state')),
    from_value TEXT    NOT NULL,
    to_value   TEXT    NOT NULL,
    run_id     INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX inbound_changes_key ON inbound_changes (key, id);

-- One sync, with its cursor (current, next_page) so that an interrupted
-- one resumes. statuses is a JSON array of status codes. ended_at is NULL
-- while it runs or after it was interrupted.
CREATE TABLE sync_runs (
    id         INTEGER PRIMARY KEY,
    statuses   TEXT    NOT NULL CHECK (json_valid(statuses)),
    period     TEXT    NOT NULL DEFAULT '',
    from_date  TEXT,
    to_date    TEXT,
    started_at TEXT    NOT NULL,
    ended_at   TEXT,
    current    TEXT    NOT NULL DEFAULT '',
    next_page  INTEGER NOT NULL DEFAULT 0,
    pages      INTEGER NOT NULL DEFAULT 0,
    invoices   INTEGER NOT NULL DEFAULT 0,
    inserted   INTEGER NOT NULL DEFAULT 0,
    updated    INTEGER NOT NULL DEFAULT 0,
    error      TEXT    NOT NULL DEFAULT '',
    cancelled  INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1))
);

-- UnfinishedSyncRun: the newest run not ended. The WHERE must match the
-- query's, word for word.
CREATE INDEX sync_runs_unfinished ON sync_runs (id) WHERE ended_at IS NULL;
