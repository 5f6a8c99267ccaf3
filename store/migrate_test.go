package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func TestMigrationsAreAppliedOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fapiao.db")
	for range 3 {
		db, err := Open(path)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		db.Close()
	}
	known, err := loadMigrations(migrationFiles)
	if err != nil {
		t.Fatal(err)
	}
	raw := openRaw(t, path)
	var rows, maxVersion int
	raw.QueryRow(`SELECT COUNT(*), MAX(version) FROM schema_migrations`).Scan(&rows, &maxVersion)
	if rows != len(known) || maxVersion != len(known) {
		t.Errorf("schema_migrations has %d rows up to %d, want %d", rows, maxVersion, len(known))
	}
}

func TestANewerSchemaIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fapiao.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw := openRaw(t, path)
	if _, err := raw.Exec(`INSERT INTO schema_migrations (version, applied_at) VALUES (999, 'later')`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	db, err = Open(path)
	if err == nil {
		db.Close()
		t.Fatal("opened a database from a newer Fapiao")
	}
	if !strings.Contains(err.Error(), "999") || !strings.Contains(err.Error(), "升级") {
		t.Errorf("error does not say what and why: %v", err)
	}
}

func TestAddedMigrationRunsOnlyOnce(t *testing.T) {
	raw := openRaw(t, filepath.Join(t.TempDir(), "m.db"))
	ctx := context.Background()
	v1 := fstest.MapFS{"migrations/0001_a.sql": {Data: []byte(`CREATE TABLE a (x INTEGER);`)}}
	if err := migrate(ctx, raw, v1); err != nil {
		t.Fatal(err)
	}
	v2 := fstest.MapFS{
		"migrations/0001_a.sql": v1["migrations/0001_a.sql"],
		// Not idempotent on purpose: a second run would fail.
		"migrations/0002_b.sql": {Data: []byte(`CREATE TABLE b (y TEXT); INSERT INTO a VALUES (1);`)},
	}
	for range 2 {
		if err := migrate(ctx, raw, v2); err != nil {
			t.Fatal(err)
		}
	}
	var n int
	raw.QueryRow(`SELECT COUNT(*) FROM a`).Scan(&n)
	if n != 1 {
		t.Errorf("0002 ran %d times", n)
	}
}

func TestAFailedMigrationLeavesThePreviousVersion(t *testing.T) {
	raw := openRaw(t, filepath.Join(t.TempDir(), "m.db"))
	fsys := fstest.MapFS{
		"migrations/0001_a.sql": {Data: []byte(`CREATE TABLE a (x INTEGER);`)},
		"migrations/0002_b.sql": {Data: []byte(`CREATE TABLE b (y TEXT); INSERT INTO nowhere VALUES (1);`)},
	}
	err := migrate(context.Background(), raw, fsys)
	if err == nil || !strings.Contains(err.Error(), "0002_b.sql") {
		t.Fatalf("err = %v", err)
	}
	var version int
	raw.QueryRow(`SELECT MAX(version) FROM schema_migrations`).Scan(&version)
	var tables int
	raw.QueryRow(`SELECT COUNT(*) FROM sqlite_schema WHERE name = 'b'`).Scan(&tables)
	if version != 1 || tables != 0 {
		t.Errorf("after a failed 0002: version %d, table b exists %v", version, tables == 1)
	}
}

func TestMigrationFilesMustBeNumberedWithoutGaps(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"gap":       {"migrations/0001_a.sql": {}, "migrations/0003_c.sql": {}},
		"repeat":    {"migrations/0001_a.sql": {}, "migrations/0001_b.sql": {}},
		"no number": {"migrations/init.sql": {}},
	} {
		if _, err := loadMigrations(fsys); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if ms, err := loadMigrations(migrationFiles); err != nil || len(ms) == 0 || ms[0].name != "0001_init.sql" {
		t.Errorf("embedded migrations: %v %v", ms, err)
	}
}

// openRaw opens a plain connection, as another program would.
func openRaw(t *testing.T, path string) *sql.DB {
	t.Helper()
	raw, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(5000)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	t.Cleanup(func() { raw.Close() })
	return raw
}
