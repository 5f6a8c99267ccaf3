package sandbox

// migrations are applied in order; the database remembers how many it has
// seen (PRAGMA user_version). Never edit one that has shipped: append a new
// one (red invoices, credit line, face auth, Leqi segments… add theirs).
// Money and rates are TEXT decimals, never REAL.
var migrations = []string{
	// 1: tokens, blue invoices and their lines, number sequences.
	`
CREATE TABLE tokens (
	token_hash TEXT PRIMARY KEY,      -- SHA-256 of the token: the token itself is a secret
	expires_at INTEGER NOT NULL       -- Unix milliseconds
);

CREATE TABLE number_sequences (
	year     INTEGER NOT NULL,        -- two-digit year, as in the number
	province TEXT    NOT NULL,
	channel  TEXT    NOT NULL,
	last     INTEGER NOT NULL,        -- the last sequence assigned
	PRIMARY KEY (year, province, channel)
);

CREATE TABLE invoices (
	id                   INTEGER PRIMARY KEY,
	serial               TEXT NOT NULL UNIQUE,   -- fpqqlsh
	number               TEXT NOT NULL UNIQUE,   -- fphm, 20 digits
	type                 TEXT NOT NULL,          -- fplxdm 81 / 82
	status               TEXT NOT NULL DEFAULT '00', -- fpzt: 00 normal
	issued_at            TEXT NOT NULL,          -- RFC 3339 in China time
	username             TEXT NOT NULL,          -- 局端账号 that issued it
	seller_tax_id        TEXT NOT NULL,
	seller_name          TEXT NOT NULL,
	seller_address_phone TEXT NOT NULL,
	seller_bank_account  TEXT NOT NULL,
	seller_natural       INTEGER NOT NULL,
	buyer_tax_id         TEXT NOT NULL,
	buyer_name           TEXT NOT NULL,
	buyer_address_phone  TEXT NOT NULL,
	buyer_bank_account   TEXT NOT NULL,
	buyer_contact_phone  TEXT NOT NULL,          -- gfkhdh: for delivery, not printed
	buyer_email          TEXT NOT NULL,
	buyer_natural        INTEGER NOT NULL,
	levy_method          TEXT NOT NULL,          -- zsfs
	total_amount         TEXT NOT NULL,
	total_tax            TEXT NOT NULL,
	total                TEXT NOT NULL,
	remark               TEXT NOT NULL,
	drawer               TEXT NOT NULL,
	payee                TEXT NOT NULL,
	reviewer             TEXT NOT NULL,
	file_token           TEXT NOT NULL           -- secret in the layout-file links
);
CREATE INDEX invoices_seller ON invoices (seller_tax_id);

CREATE TABLE invoice_lines (
	invoice_id   INTEGER NOT NULL REFERENCES invoices (id),
	seq          INTEGER NOT NULL,               -- 1-based, fpmxxh
	nature       INTEGER NOT NULL,               -- fphxz
	name         TEXT NOT NULL,
	tax_code     TEXT NOT NULL,
	spec         TEXT NOT NULL,
	unit         TEXT NOT NULL,
	quantity     TEXT,                           -- NULL when not given
	price        TEXT,                           -- on the basis of tax_included
	amount       TEXT NOT NULL,                  -- je as sent
	tax_included INTEGER NOT NULL,               -- hsbz
	tax_rate     TEXT NOT NULL,
	amount_excl  TEXT NOT NULL,
	tax          TEXT NOT NULL,
	PRIMARY KEY (invoice_id, seq)
);
`,
	// 2: the bureau's sessions per seller: face authentication and e-tax
	// login, the QR codes and SMS codes that renew them. Times are Unix
	// milliseconds; 0 means "lapsed long ago".
	`
CREATE TABLE seller_auth (
	tax_id           TEXT PRIMARY KEY,        -- nsrsbh
	face_verified_at INTEGER NOT NULL,        -- the last successful face scan
	login_at         INTEGER NOT NULL         -- the last e-tax login
);

-- What a seller not seen yet starts with; one row at most. No row, or NULL,
-- means "the moment it is first seen". A lapse of every seller also lapses
-- the ones still to come.
CREATE TABLE unseen_seller_auth (
	id               INTEGER PRIMARY KEY CHECK (id = 1),
	face_verified_at INTEGER,
	login_at         INTEGER
);

CREATE TABLE face_qrs (
	auth_id    TEXT PRIMARY KEY,              -- rzid
	tax_id     TEXT NOT NULL,
	app        TEXT NOT NULL,                 -- emwly: swj / grsds
	content    TEXT NOT NULL,                 -- ewm
	issued_at  INTEGER NOT NULL,
	expires_at INTEGER NOT NULL
);
CREATE INDEX face_qrs_seller ON face_qrs (tax_id, issued_at);

CREATE TABLE login_qrs (
	qr_id      TEXT PRIMARY KEY,              -- ewmid
	tax_id     TEXT NOT NULL,
	kind       TEXT NOT NULL,                 -- ewmlx: 1 / 10
	issued_at  INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	scanned_at INTEGER                        -- NULL until the phone confirms
);

CREATE TABLE sms_codes (
	tax_id  TEXT PRIMARY KEY,                 -- one pending code per seller
	sent_at INTEGER NOT NULL
);
`,
}
