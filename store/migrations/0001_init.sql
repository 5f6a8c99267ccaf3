-- 0001: invoices with their lines, the outbox, the autocomplete catalogs and drafts.
--
-- Money, rates, quantities and prices are TEXT in the app's own formatting
-- (FormatMoney, FormatRate, FormatQuantity): SQLite's REAL would round them.
-- Times are TEXT, UTC, RFC 3339 with a fixed nine-digit fraction so that text
-- order is time order.

CREATE TABLE invoices (
    id                   INTEGER PRIMARY KEY,
    request_serial       TEXT    NOT NULL UNIQUE,
    number               TEXT    UNIQUE,            -- NULL until issued
    type                 TEXT    NOT NULL,
    status               TEXT    NOT NULL
        CHECK (status IN ('pending', 'unknown', 'issued', 'rejected', 'held')),
    status_message       TEXT    NOT NULL DEFAULT '',
    provider             TEXT    NOT NULL DEFAULT '',
    created_at           TEXT    NOT NULL,
    issued_at            TEXT,                      -- NULL until issued
    check_code           TEXT    NOT NULL DEFAULT '',
    seller_name          TEXT    NOT NULL,
    seller_tax_id        TEXT    NOT NULL,
    seller_address       TEXT    NOT NULL DEFAULT '',
    seller_phone         TEXT    NOT NULL DEFAULT '',
    seller_bank          TEXT    NOT NULL DEFAULT '',
    seller_account       TEXT    NOT NULL DEFAULT '',
    seller_email         TEXT    NOT NULL DEFAULT '',
    buyer_name           TEXT    NOT NULL,
    buyer_tax_id         TEXT    NOT NULL DEFAULT '',
    buyer_address        TEXT    NOT NULL DEFAULT '',
    buyer_phone          TEXT    NOT NULL DEFAULT '',
    buyer_bank           TEXT    NOT NULL DEFAULT '',
    buyer_account        TEXT    NOT NULL DEFAULT '',
    buyer_email          TEXT    NOT NULL DEFAULT '',
    buyer_natural_person INTEGER NOT NULL DEFAULT 0 CHECK (buyer_natural_person IN (0, 1)),
    remark               TEXT    NOT NULL DEFAULT '',
    drawer               TEXT    NOT NULL DEFAULT '',
    total_amount         TEXT    NOT NULL,
    total_tax            TEXT    NOT NULL,
    total                TEXT    NOT NULL,
    -- An issued invoice always has its number and date.
    CHECK (status <> 'issued' OR (number IS NOT NULL AND issued_at IS NOT NULL))
);

CREATE INDEX invoices_status ON invoices (status);
-- The issued list's order; the expression must match ListInvoices' ORDER BY.
CREATE INDEX invoices_newest ON invoices (COALESCE(issued_at, created_at) DESC, id DESC);
CREATE INDEX invoices_buyer_name ON invoices (buyer_name);
CREATE INDEX invoices_buyer_tax_id ON invoices (buyer_tax_id);

-- Lines are clustered by invoice (WITHOUT ROWID), so an invoice's lines are
-- read together and come back in position order.
CREATE TABLE invoice_lines (
    invoice_id   INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    nature       INTEGER NOT NULL CHECK (nature IN (0, 1, 2)),
    name         TEXT    NOT NULL,
    tax_code     TEXT    NOT NULL,
    spec         TEXT    NOT NULL DEFAULT '',
    unit         TEXT    NOT NULL DEFAULT '',
    quantity     TEXT,                              -- NULL with price when not given
    price        TEXT,
    amount       TEXT    NOT NULL,
    tax_included INTEGER NOT NULL CHECK (tax_included IN (0, 1)),
    tax_rate     TEXT    NOT NULL,
    amount_excl  TEXT    NOT NULL,
    tax          TEXT    NOT NULL,
    PRIMARY KEY (invoice_id, position),
    CHECK ((quantity IS NULL) = (price IS NULL))
) WITHOUT ROWID;

-- The request committed before it is sent; open until the outcome is final.
CREATE TABLE outbox (
    serial     TEXT    PRIMARY KEY,
    invoice_id INTEGER NOT NULL UNIQUE REFERENCES invoices (id) ON DELETE CASCADE,
    request    BLOB    NOT NULL,
    state      TEXT    NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done')),
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT    NOT NULL DEFAULT '',
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);

-- Only open entries are ever listed, oldest first.
CREATE INDEX outbox_open ON outbox (created_at, invoice_id) WHERE state = 'open';

-- Buyers issued to before. A buyer is known by its tax ID; a natural person
-- usually has none and is known by name instead.
CREATE TABLE buyers (
    id             INTEGER PRIMARY KEY,
    name           TEXT    NOT NULL,
    tax_id         TEXT    NOT NULL DEFAULT '',
    address        TEXT    NOT NULL DEFAULT '',
    phone          TEXT    NOT NULL DEFAULT '',
    bank           TEXT    NOT NULL DEFAULT '',
    account        TEXT    NOT NULL DEFAULT '',
    email          TEXT    NOT NULL DEFAULT '',
    natural_person INTEGER NOT NULL DEFAULT 0 CHECK (natural_person IN (0, 1)),
    use_count      INTEGER NOT NULL DEFAULT 0,
    last_used      TEXT    NOT NULL
);

CREATE UNIQUE INDEX buyers_by_tax_id ON buyers (tax_id) WHERE tax_id <> '';
CREATE UNIQUE INDEX buyers_by_name ON buyers (name) WHERE tax_id = '';
CREATE INDEX buyers_ranked ON buyers (use_count DESC, last_used DESC);

-- Items issued before, one per name, tax code, spec and unit.
CREATE TABLE items (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    tax_code     TEXT    NOT NULL,
    spec         TEXT    NOT NULL DEFAULT '',
    unit         TEXT    NOT NULL DEFAULT '',
    price        TEXT    NOT NULL DEFAULT '',       -- the last price, '' when none was given
    tax_rate     TEXT    NOT NULL,
    tax_included INTEGER NOT NULL CHECK (tax_included IN (0, 1)),
    use_count    INTEGER NOT NULL DEFAULT 0,
    last_used    TEXT    NOT NULL,
    UNIQUE (name, tax_code, spec, unit)
);

CREATE INDEX items_ranked ON items (use_count DESC, last_used DESC);

-- The invoice form's drafts, as the app's JSON.
CREATE TABLE drafts (
    name       TEXT PRIMARY KEY,
    payload    TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
