package store

import (
	"context"
	"io/fs"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"fapiao/app"
)

// schemaUpTo is the embedded schema history cut at version (a database as
// an older Fapiao left it).
func schemaUpTo(t *testing.T, version int) fstest.MapFS {
	t.Helper()
	all, err := loadMigrations(migrationFiles)
	if err != nil {
		t.Fatal(err)
	}
	out := fstest.MapFS{}
	for _, m := range all[:version] {
		body, err := fs.ReadFile(migrationFiles, "migrations/"+m.name)
		if err != nil {
			t.Fatal(err)
		}
		out["migrations/"+m.name] = &fstest.MapFile{Data: body}
	}
	return out
}

func TestAVersion2DatabaseGainsRedCases(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fapiao.db")
	ctx := context.Background()
	raw := openRaw(t, path)
	if err := migrate(ctx, raw, schemaUpTo(t, 2)); err != nil {
		t.Fatal(err)
	}
	// A blue invoice as version 2 wrote it: every column 0001 knows.
	res, err := raw.Exec(`INSERT INTO invoices (request_serial, number, type, status, status_message, provider,
		created_at, issued_at, check_code, seller_name, seller_tax_id, buyer_name, buyer_tax_id,
		remark, drawer, total_amount, total_tax, total)
		VALUES ('S-old', ?, '82', 'issued', '', '沙箱', '2025-02-01T01:00:00.000000000Z', '2025-02-01T01:00:05.000000000Z',
		'', ?, ?, ?, ?, '旧备注', '王会计', '100.00', '6.00', '106.00')`,
		testNumber(1), testSeller.Name, testSeller.TaxID, companyBuyer.Name, companyBuyer.TaxID)
	if err != nil {
		t.Fatal(err)
	}
	id, _ := res.LastInsertId()
	if _, err := raw.Exec(`INSERT INTO invoice_lines (invoice_id, position, nature, name, tax_code, quantity, price,
		amount, tax_included, tax_rate, amount_excl, tax)
		VALUES (?, 0, 0, '*软件*授权', '1060301020100000000', '2', '50', '100.00', 0, '0.06', '100.00', '6.00')`, id); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO app_state (name, payload, updated_at) VALUES ('face', '{"ok":true}', 'x')`); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	db, err := Open(path)
	if err != nil {
		t.Fatalf("Open on a version-2 file: %v", err)
	}
	defer db.Close()
	var version int
	db.reader.QueryRow(`SELECT MAX(version) FROM schema_migrations`).Scan(&version)
	all, err := loadMigrations(migrationFiles)
	if err != nil {
		t.Fatal(err)
	}
	if newest := len(all); version != newest {
		t.Errorf("schema version %d after Open, want the newest, %d", version, newest)
	}
	inv, err := db.InvoiceByNumber(ctx, testNumber(1))
	if err != nil {
		t.Fatal(err)
	}
	wantIssued := time.Date(2025, 2, 1, 9, 0, 5, 0, app.ChinaTime)
	if inv.BlueNumber != "" || inv.RequestSerial != "S-old" || inv.Remark != "旧备注" || !inv.Total.Equal(dec("106")) ||
		!inv.IssuedAt.Equal(wantIssued) || len(inv.Lines) != 1 || !inv.Lines[0].Price.Decimal.Equal(dec("50")) {
		t.Errorf("old invoice after migration: %+v", inv)
	}
	var state struct{ OK bool }
	if err := db.LoadState(ctx, "face", &state); err != nil || !state.OK {
		t.Errorf("old app state: %+v %v", state, err)
	}
	c := redCase(testNumber(1), app.RedStepApplying)
	saveRed(t, db, &c, "迁移后的第一个红冲")
	if cases, err := db.RedCases(ctx, testNumber(1), true); err != nil || len(cases) != 1 {
		t.Errorf("RedCases after migration: %v %v", cases, err)
	}
}
