package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"fapiao/app"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// DB is Fapiao's database. It is safe for concurrent use.
type DB struct {
	writer *sql.DB              // one connection: SQLite has one writer at a time anyway
	reader *sql.DB              // query_only connections for lookups and lists
	stmts  map[string]*sql.Stmt // writeStatements, prepared on writer
}

// Interfaces the app depends on.
var (
	_ app.InvoiceStore = (*DB)(nil)
	_ app.CatalogStore = (*DB)(nil)
	_ app.DraftStore   = (*DB)(nil)
	_ app.InboundStore = (*DB)(nil)
)

// readerConns is how many reads may run at once. A desktop app has a list,
// a detail view and a background reconciliation at most.
const readerConns = 4

// Pragmas for every connection. busy_timeout lets a connection wait for a
// lock held by another process (the CLI next to the desktop app) instead of
// failing at once.
const commonPragmas = "_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)"

// writerDSN: WAL so readers never block on the writer; synchronous FULL
// because an issued invoice must survive a power cut, not just a crash of
// the app. In WAL mode NORMAL only fsyncs at checkpoints, so a power cut may
// undo the last commits — such as the number of an invoice the bureau has
// already issued. FULL fsyncs the WAL at every commit. _txlock=immediate
// takes the write lock at BEGIN, so a transaction never fails half-way
// with SQLITE_BUSY when it tries to upgrade a read lock.
//
// The rest is for big transactions, a sync's page of 1,000 inbound
// invoices into 15 indexes (measured with BenchmarkInboundUpsert100k, which
// they make about twice as fast): a 64 MiB page cache, so that a page's
// dirty index pages stay in memory until the commit instead of spilling
// to the log half-way; statement journals in memory (temp_store), not in
// temporary files; and a checkpoint every 16,384 log pages (64 MiB)
// instead of every 1,000, so that an index page written by several
// commits is copied into the database once.
func writerDSN(path string) string {
	return path + "?" + commonPragmas +
		"&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_txlock=immediate" +
		"&_pragma=cache_size(-65536)&_pragma=temp_store(memory)&_pragma=wal_autocheckpoint(16384)"
}

// readerDSN: query_only makes a stray write through the reader pool fail
// instead of competing with the writer. journal_mode is a property of the
// file, set by the writer before any reader opens. Readers map the file
// into memory (up to 1 GiB, a million inbound invoices): a query that
// scans an index reads its pages in place instead of copying each through
// a system call into a 2 MB cache per connection.
func readerDSN(path string) string {
	return path + "?" + commonPragmas + "&_pragma=query_only(1)&_pragma=mmap_size(1073741824)"
}

// Open opens the database at path, creating it if missing, and brings its
// schema up to date. It refuses a database written by a newer Fapiao.
func Open(path string) (*DB, error) {
	if path == "" || strings.ContainsRune(path, '?') {
		// '?' starts the DSN's parameters and would be cut from the name.
		return nil, fmt.Errorf("数据库路径 %q 无效:不能为空,也不能包含“?”", path)
	}
	writer, err := sql.Open("sqlite", writerDSN(path))
	if err != nil {
		return nil, fmt.Errorf("打开数据库 %s: %w", path, err)
	}
	writer.SetMaxOpenConns(1)
	writer.SetMaxIdleConns(1)
	writer.SetConnMaxLifetime(0)
	if err := migrate(context.Background(), writer, migrationFiles); err != nil {
		return nil, errors.Join(fmt.Errorf("数据库 %s: %w", path, err), writer.Close())
	}
	stmts, err := prepareWrites(context.Background(), writer)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("数据库 %s: %w", path, err), writer.Close())
	}
	reader, err := sql.Open("sqlite", readerDSN(path))
	if err != nil {
		return nil, errors.Join(fmt.Errorf("打开数据库 %s: %w", path, err), closeStatements(stmts), writer.Close())
	}
	reader.SetMaxOpenConns(readerConns)
	reader.SetMaxIdleConns(readerConns)
	if err := reader.Ping(); err != nil {
		return nil, errors.Join(fmt.Errorf("打开数据库 %s: %w", path, err), reader.Close(), closeStatements(stmts), writer.Close())
	}
	return &DB{writer: writer, reader: reader, stmts: stmts}, nil
}

// Close closes both pools. Committed transactions are already on disk.
func (db *DB) Close() error {
	return errors.Join(db.reader.Close(), closeStatements(db.stmts), db.writer.Close())
}

// inWriteTx runs fn in one write transaction, committing when fn returns nil.
func (db *DB) inWriteTx(ctx context.Context, fn func(writeTx) error) error {
	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(writeTx{Tx: tx, stmts: db.stmts}); err != nil {
		return errors.Join(err, rollback(tx))
	}
	return tx.Commit()
}

// inReadTx runs fn in one read transaction, so that several queries see
// the same snapshot (an invoice and its lines).
func (db *DB) inReadTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback() // read-only: ending it is all there is to do
	return fn(tx)
}

func rollback(tx *sql.Tx) error {
	if err := tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
		return err
	}
	return nil
}
