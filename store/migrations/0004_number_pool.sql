-- 0004: the pre-assigned number pool (预赋码) of direct connect.
--
-- Invoice numbers are TEXT of exactly 20 digits, never INTEGER: they
-- overflow int64 (and uint64). At a fixed width, text order is number
-- order, so MIN, ORDER BY and range comparisons on them are numeric.

-- A segment the bureau granted, under the business serial (ywlsh) it was
-- asked for: the serial identifies a grant, so a retried download is
-- recognized and stored once.
CREATE TABLE number_segments (
    id         INTEGER PRIMARY KEY,
    first      TEXT    NOT NULL CHECK (length(first) = 20 AND first NOT GLOB '*[^0-9]*'),
    last       TEXT    NOT NULL CHECK (length(last) = 20 AND last NOT GLOB '*[^0-9]*'),
    count      INTEGER NOT NULL CHECK (count > 0),
    year       INTEGER NOT NULL,
    serial     TEXT    NOT NULL UNIQUE CHECK (serial <> ''),
    granted_at TEXT    NOT NULL,
    CHECK (first <= last)
);

-- Every number of every segment. Clustered by number (WITHOUT ROWID): a
-- segment is inserted in number order, so its rows are appended, and the
-- table needs no second copy of the key.
--
-- serial is the invoice's request serial once the number is bound to it,
-- NULL while unused. Its uniqueness is a partial index rather than an
-- inline UNIQUE: same rule (NULLs never collide), but the unused numbers —
-- nearly all rows, a million in a big segment — get no index entry.
CREATE TABLE pool_numbers (
    number     TEXT    PRIMARY KEY CHECK (length(number) = 20 AND number NOT GLOB '*[^0-9]*'),
    segment_id INTEGER NOT NULL REFERENCES number_segments (id),
    year       INTEGER NOT NULL,
    serial     TEXT    CHECK (serial <> ''),
    bound_at   TEXT,
    expired    INTEGER NOT NULL DEFAULT 0 CHECK (expired IN (0, 1)),
    CHECK ((serial IS NULL) = (bound_at IS NULL)),
    -- Only unused numbers expire; a bound one belongs to its invoice.
    CHECK (serial IS NULL OR expired = 0)
) WITHOUT ROWID;

CREATE UNIQUE INDEX pool_numbers_serial ON pool_numbers (serial) WHERE serial IS NOT NULL;

-- The usable numbers of each year, lowest first: TakeNumber's "lowest
-- unused number of the year" is one seek here, and PoolYears counts what
-- remains without reading the table. The WHERE must match the queries',
-- word for word, for SQLite to use this index. serial is always NULL in
-- it (a byte of record header, no payload): SQLite treats expired = 0 as
-- known from the WHERE but not serial IS NULL, so without the column every
-- entry read would be looked up in the table to check serial again.
CREATE INDEX pool_numbers_free ON pool_numbers (year, number, serial) WHERE serial IS NULL AND expired = 0;

-- The expired numbers of each year, for PoolYears to count; written once
-- a year, when a year's leftovers expire.
CREATE INDEX pool_numbers_expired ON pool_numbers (year) WHERE expired = 1;

-- The download begun but not known to have finished: at most one row.
CREATE TABLE pending_download (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    serial     TEXT    NOT NULL CHECK (serial <> ''),
    quantity   INTEGER NOT NULL CHECK (quantity > 0),
    started_at TEXT    NOT NULL
);
