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
	// 3: red invoices. A red invoice is a row of invoices (kind 1) whose
	// lines are negative and name the blue line they reverse; a blue line
	// remembers how much of it was reversed (in the blue line's own sign),
	// so what is left is blue − reversed. The simulated buyer's use of each
	// blue invoice lives beside it. Red-letter forms (红字信息确认单) and
	// their lines are tables of their own.
	`
ALTER TABLE invoices ADD COLUMN kind TEXT NOT NULL DEFAULT '0';         -- kplx: 0 blue, 1 red
ALTER TABLE invoices ADD COLUMN blue_number TEXT NOT NULL DEFAULT '';   -- red: yfphm, the blue invoice
ALTER TABLE invoices ADD COLUMN red_form TEXT NOT NULL DEFAULT '';      -- red: tzdbh, its form
ALTER TABLE invoices ADD COLUMN red_status TEXT NOT NULL DEFAULT '0';   -- blue: 0 normal, 7 partly, 8 fully reversed
ALTER TABLE invoices ADD COLUMN buyer_used INTEGER;                     -- 用途确认; NULL: by default, from the total
ALTER TABLE invoices ADD COLUMN buyer_booked INTEGER NOT NULL DEFAULT 0; -- 入账

ALTER TABLE invoice_lines ADD COLUMN blue_seq INTEGER;                  -- red: the blue line (xh) it reverses
ALTER TABLE invoice_lines ADD COLUMN reversed_quantity TEXT NOT NULL DEFAULT '0';
ALTER TABLE invoice_lines ADD COLUMN reversed_excl TEXT NOT NULL DEFAULT '0';
ALTER TABLE invoice_lines ADD COLUMN reversed_tax TEXT NOT NULL DEFAULT '0';

CREATE TABLE red_forms (
	number          TEXT PRIMARY KEY,         -- xxbbh / tzdbh, 20 digits
	uuid            TEXT NOT NULL UNIQUE,
	blue_invoice_id INTEGER NOT NULL REFERENCES invoices (id),
	seller_tax_id   TEXT NOT NULL,
	buyer_tax_id    TEXT NOT NULL,
	reason          TEXT NOT NULL,            -- chyydm 01–04
	applicant       TEXT NOT NULL,            -- sqyy: 2 the seller
	username        TEXT NOT NULL,
	state           TEXT NOT NULL,            -- xxbztDm 01–10
	applied_at      INTEGER NOT NULL,         -- Unix milliseconds
	answered_at     INTEGER,                  -- when it left 02
	simulated_buyer INTEGER NOT NULL,         -- 1: the sandbox answers for the buyer
	total_amount    TEXT NOT NULL,            -- negative
	total_tax       TEXT NOT NULL,            -- negative or 0
	red_invoice_id  INTEGER REFERENCES invoices (id) -- the red invoice issued on it
);
CREATE INDEX red_forms_blue ON red_forms (blue_invoice_id, reason);
CREATE INDEX red_forms_buyer ON red_forms (buyer_tax_id, state);

CREATE TABLE red_form_lines (
	form_number TEXT NOT NULL REFERENCES red_forms (number),
	seq         INTEGER NOT NULL,             -- 1-based position on the form
	blue_seq    INTEGER NOT NULL,             -- xh: the blue line reversed
	quantity    TEXT,                         -- negative; NULL when not by quantity
	amount_excl TEXT NOT NULL,                -- negative (positive for a discount line)
	tax         TEXT NOT NULL,
	PRIMARY KEY (form_number, seq)
);

CREATE TABLE red_form_sequences (
	province TEXT PRIMARY KEY,
	last     INTEGER NOT NULL
);
`,
	// 4: 乐企 direct connect. A segment granted by QDFPPLFM is remembered by
	// its business serial, so asking again under it answers the same
	// numbers. An upload (QDFPSC) is remembered with the verdict decided when
	// it arrived; an accepted one is also a row of invoices (invoice_id).
	// Numbers are 20-digit TEXT: of equal length, they compare as numbers.
	`
CREATE TABLE leqi_segments (
	serial     TEXT PRIMARY KEY,              -- ywlsh
	tax_id     TEXT NOT NULL,                 -- nsrsbh
	first      TEXT NOT NULL,                 -- fpqshm
	last       TEXT NOT NULL,                 -- fpzzhm
	count      INTEGER NOT NULL,              -- lysl
	granted_at INTEGER NOT NULL               -- Unix milliseconds
);
CREATE INDEX leqi_segments_seller ON leqi_segments (tax_id, first);

CREATE TABLE leqi_uploads (
	id          INTEGER PRIMARY KEY,
	ticket      TEXT NOT NULL UNIQUE,         -- sllsh, 20 digits
	tax_id      TEXT NOT NULL,                -- nsrsbh
	number      TEXT NOT NULL,                -- fphm as sent
	serial      TEXT NOT NULL,                -- fpqqlsh as sent
	issued_at   TEXT NOT NULL,                -- kprq as sent
	uploaded_at INTEGER NOT NULL,             -- Unix milliseconds
	state       TEXT NOT NULL,                -- clzt 02 accepted / 03 rejected (01 is a matter of time)
	message     TEXT NOT NULL,                -- cwxx of a rejection
	invoice_id  INTEGER REFERENCES invoices (id),
	UNIQUE (tax_id, number, serial)
);
CREATE INDEX leqi_uploads_number ON leqi_uploads (tax_id, number);
`,
	// 5: inbound invoices (S000621). They are made up on the fly from the
	// company and an index, never stored; only what changes them is: each
	// CheckInbound checks the next count of a company's (or every company's)
	// unchecked invoices, in the order it was called.
	`
CREATE TABLE inbound_checks (
	id         INTEGER PRIMARY KEY,
	tax_id     TEXT NOT NULL,                 -- nsrsbh: the company (the buyer); '' every company
	count      INTEGER NOT NULL,              -- how many of its unchecked invoices were checked
	checked_at INTEGER NOT NULL               -- Unix milliseconds, the sandbox clock
);
CREATE INDEX inbound_checks_company ON inbound_checks (tax_id, id);
`,
	// 6: 迅联云 hosted issuance (serverIssue). Its invoices are rows of
	// invoices like every other (one numbering, one table), marked by the
	// channel that took them; what only 迅联云 answers (uuid, docId, check
	// code) and what makes a repeat recognizable (the account, the
	// application number and a hash of the content) live beside them. An
	// account without a configured company is bound to the first seller it
	// issues for.
	`
ALTER TABLE invoices ADD COLUMN channel TEXT NOT NULL DEFAULT '';   -- '' the bureau's gateways (票单云, 乐企); 'xunlian' serverIssue

CREATE TABLE xunlian_issues (
	data_resource     TEXT NOT NULL,             -- companyDataResource
	requisition_no    TEXT NOT NULL,             -- requisitionApplyNo
	other_id          TEXT NOT NULL,             -- otherId as sent
	content_hash      TEXT NOT NULL,             -- SHA-256 of the request's content: a repeat must match it
	invoice_id        INTEGER NOT NULL UNIQUE REFERENCES invoices (id),
	invoice_type_code TEXT NOT NULL,             -- 01 / 04 / 08 / 10 as sent
	terminal_code     TEXT NOT NULL,
	uuid              TEXT NOT NULL UNIQUE,      -- invoiceUuid
	doc_id            TEXT NOT NULL UNIQUE,      -- docId
	parity_code       TEXT NOT NULL,             -- invoiceParityCode, 20 digits
	PRIMARY KEY (data_resource, requisition_no)
);

CREATE TABLE xunlian_companies (
	data_resource TEXT PRIMARY KEY,              -- an account without a configured company
	seller_tax_id TEXT NOT NULL,                 -- the seller it first issued for
	bound_at      INTEGER NOT NULL               -- Unix milliseconds
);
`,
}
