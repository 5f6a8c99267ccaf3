package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestPoolsUseWALAndABusyTimeout(t *testing.T) {
	db, _ := openTemp(t)
	for name, pool := range map[string]*sql.DB{"writer": db.writer, "reader": db.reader} {
		var mode string
		var timeout, foreignKeys int
		if err := pool.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
			t.Fatal(err)
		}
		pool.QueryRow(`PRAGMA busy_timeout`).Scan(&timeout)
		pool.QueryRow(`PRAGMA foreign_keys`).Scan(&foreignKeys)
		if mode != "wal" || timeout != 5000 || foreignKeys != 1 {
			t.Errorf("%s: journal_mode %q busy_timeout %d foreign_keys %d", name, mode, timeout, foreignKeys)
		}
	}
	var sync, queryOnly int
	db.writer.QueryRow(`PRAGMA synchronous`).Scan(&sync)
	if sync != 2 { // FULL
		t.Errorf("writer synchronous = %d, want 2 (FULL)", sync)
	}
	db.reader.QueryRow(`PRAGMA query_only`).Scan(&queryOnly)
	if queryOnly != 1 {
		t.Errorf("reader query_only = %d", queryOnly)
	}
	if _, err := db.reader.Exec(`INSERT INTO drafts (name, payload, updated_at) VALUES ('x', '{}', '')`); err == nil {
		t.Error("the reader pool accepted a write")
	}
}

func TestWriterTakesTheLockAtBegin(t *testing.T) {
	// BEGIN IMMEDIATE: a second writer (another process) waits at BEGIN,
	// not half-way through its transaction.
	db, path := openTemp(t)
	tx, err := db.writer.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	other, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(0)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.Begin(); err == nil || !strings.Contains(strings.ToLower(err.Error()), "locked") {
		t.Errorf("second writer began while the first held its transaction: %v", err)
	}
}

func TestReadsDoNotWaitForTheWriter(t *testing.T) {
	db, _ := openTemp(t)
	pendingInvoice(t, db, "S1", simpleDraft(companyBuyer, "*软件*授权", "10"))
	tx, err := db.writer.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`UPDATE invoices SET remark = 'uncommitted'`); err != nil {
		t.Fatal(err)
	}
	// The writer's only connection is busy; a read still answers at once,
	// from the last committed state.
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	inv, err := db.InvoiceBySerial(ctx, "S1")
	if err != nil {
		t.Fatalf("read while writing: %v", err)
	}
	if inv.Remark == "uncommitted" {
		t.Error("read saw an uncommitted write")
	}
}

func TestOpenRefusesBadPaths(t *testing.T) {
	for _, p := range []string{"", filepath.Join(t.TempDir(), "a?b.db"), filepath.Join(t.TempDir(), "missing", "dir", "x.db")} {
		if db, err := Open(p); err == nil {
			db.Close()
			t.Errorf("Open(%q) succeeded", p)
		}
	}
}
