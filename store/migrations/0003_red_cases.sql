-- 0003: red invoices (红字发票) and the cases that lead to them.
--
-- A red invoice is an ordinary row of invoices, with negative amounts and
-- quantities (no CHECK here or in 0001 looks at a sign) and the number of
-- the blue invoice it reverses. Blue invoices keep ''.

ALTER TABLE invoices ADD COLUMN blue_number TEXT NOT NULL DEFAULT '';

-- The red invoices of a blue one.
CREATE INDEX invoices_blue_number ON invoices (blue_number);

-- A red case is one reversal of a blue invoice, from the red-letter form
-- to the red invoice. It is rewritten whole at each move; red_transitions
-- keeps the moves. Money is TEXT as in invoices; times are fixed-width UTC.
CREATE TABLE red_cases (
    id              INTEGER PRIMARY KEY,
    blue_number     TEXT    NOT NULL CHECK (blue_number <> ''),
    reason          TEXT    NOT NULL CHECK (reason IN ('01', '02', '03', '04')),
    partial         INTEGER NOT NULL CHECK (partial IN (0, 1)),
    step            TEXT    NOT NULL
        CHECK (step IN ('applying', 'awaiting', 'ready', 'issuing', 'issued', 'void')),
    form_number     TEXT    NOT NULL DEFAULT '',
    form_id         TEXT    NOT NULL DEFAULT '',
    form_state      TEXT    NOT NULL DEFAULT '',  -- '' until the bureau answered
    form_applied_at TEXT,                         -- NULL until the bureau answered
    serial          TEXT    NOT NULL DEFAULT '',  -- the red invoice's request serial, once committed
    red_number      TEXT    NOT NULL DEFAULT '',
    message         TEXT    NOT NULL DEFAULT '',
    type            TEXT    NOT NULL DEFAULT '',
    seller          TEXT    NOT NULL,             -- app.Party as JSON
    buyer           TEXT    NOT NULL,             -- app.Party as JSON
    total_amount    TEXT    NOT NULL,
    total_tax       TEXT    NOT NULL,
    total           TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);

-- RedCases of one blue invoice, newest first.
CREATE INDEX red_cases_blue_number ON red_cases (blue_number, created_at DESC, id DESC);
-- RedCases(openOnly), newest first. The WHERE must match the query's, word
-- for word, for SQLite to use this index.
CREATE INDEX red_cases_open ON red_cases (created_at DESC, id DESC) WHERE step NOT IN ('issued', 'void');
-- A serial is the idempotency key of one red invoice: two cases sharing one
-- would be two reversals that the bureau sees as one.
CREATE UNIQUE INDEX red_cases_serial ON red_cases (serial) WHERE serial <> '';

-- The lines to reverse, negative, as invoice_lines stores them, each with
-- its blue line's position (xh, from 1). "index" is an SQL keyword, hence
-- blue_index.
CREATE TABLE red_case_lines (
    case_id      INTEGER NOT NULL REFERENCES red_cases (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    blue_index   INTEGER NOT NULL,
    nature       INTEGER NOT NULL CHECK (nature IN (0, 1, 2)),
    name         TEXT    NOT NULL,
    tax_code     TEXT    NOT NULL,
    spec         TEXT    NOT NULL DEFAULT '',
    unit         TEXT    NOT NULL DEFAULT '',
    quantity     TEXT,
    price        TEXT,
    amount       TEXT    NOT NULL,
    tax_included INTEGER NOT NULL CHECK (tax_included IN (0, 1)),
    tax_rate     TEXT    NOT NULL,
    amount_excl  TEXT    NOT NULL,
    tax          TEXT    NOT NULL,
    PRIMARY KEY (case_id, position),
    CHECK ((quantity IS NULL) = (price IS NULL))
) WITHOUT ROWID;

-- Every stored move of a case, in the order it was made (id).
CREATE TABLE red_transitions (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES red_cases (id) ON DELETE CASCADE,
    at         TEXT    NOT NULL,
    step       TEXT    NOT NULL,
    form_state TEXT    NOT NULL DEFAULT '',
    note       TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX red_transitions_case ON red_transitions (case_id, id);
