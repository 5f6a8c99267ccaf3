package store

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"fapiao/app"

	"github.com/shopspring/decimal"
)

var testSeller = app.Party{Name: "北京民诺科技有限公司", TaxID: "9111011457319202X9",
	Address: "北京市昌平区回龙观东大街", Phone: "010-12345678", Bank: "中国工商银行北京西三旗支行", Account: "0200240109200016984"}

// openTemp opens a fresh database in the test's temp dir, closed at cleanup.
func openTemp(t testing.TB) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "fapiao.db")
	db, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return db, path
}

// richDraft has what makes round-tripping hard: a tax-inclusive line with
// an 8-decimal price, a discounted line followed by its discount line, a
// line without quantity and price, and a 1.5% levy rate.
func richDraft() app.Draft {
	return app.Draft{
		Type: "81",
		Buyer: app.Party{Name: "成都天府软件园有限公司", TaxID: "91510113MA6739XPX2", Address: "成都市高新区天府大道",
			Phone: "028-88888888", Bank: "招商银行成都分行", Account: "6225880212345678", Email: "caiwu@example.com"},
		Lines: []app.DraftLine{
			{Name: "*软件*票单云财税管理系统", TaxCode: "1060301020100000000", Spec: "V1", Unit: "套",
				Quantity: "3", Price: "33.33333333", Amount: "100.00", TaxRate: "0.13", TaxIncluded: true},
			{Name: "*信息技术服务*系统运维服务", TaxCode: "3040201000000000000", Unit: "年",
				Quantity: "1", Price: "5000", Amount: "5000", TaxRate: "0.06", Discount: "250.50"},
			{Name: "*经纪代理服务*代理报关", TaxCode: "3040802000000000000",
				Amount: "1234.56", TaxRate: "0.015", TaxIncluded: true},
		},
		Remark: "合同号 HT-2024-001;含“引号”和 100%_折扣", Drawer: "王会计",
	}
}

// prepareDraft computes a draft with the app's own engine.
func prepareDraft(t testing.TB, d app.Draft) app.Invoice {
	t.Helper()
	inv, err := app.Prepare(d, testSeller)
	if err != nil {
		t.Fatalf("Prepare: %v", err)
	}
	return inv
}

// simpleDraft is a one-line invoice to buyer for amount.
func simpleDraft(buyer app.Party, item string, amount app.NumText) app.Draft {
	return app.Draft{Type: "82", Buyer: buyer, Lines: []app.DraftLine{{
		Name: item, TaxCode: "1060301020100000000", Unit: "次", Quantity: "1", Price: amount,
		Amount: amount, TaxRate: "0.06", TaxIncluded: true,
	}}}
}

var companyBuyer = app.Party{Name: "上海某某科技有限公司", TaxID: "91510113MA6739XPX2"}

// pendingInvoice stores a prepared invoice as pending under serial.
func pendingInvoice(t testing.TB, db *DB, serial string, d app.Draft) app.Invoice {
	t.Helper()
	inv := prepareDraft(t, d)
	inv.RequestSerial = serial
	inv.Provider = "沙箱"
	request, err := json.Marshal(inv)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreatePending(context.Background(), &inv, request); err != nil {
		t.Fatalf("CreatePending(%s): %v", serial, err)
	}
	return inv
}

// issue records serial as issued under number at the given time.
func issue(t testing.TB, db *DB, serial, number string, at time.Time) {
	t.Helper()
	if err := db.MarkIssued(context.Background(), serial, app.IssueResult{Number: number, IssuedAt: at, CheckCode: "12345678901234567890"}); err != nil {
		t.Fatalf("MarkIssued(%s): %v", serial, err)
	}
}

// testNumber makes the i-th 20-digit invoice number of 2025 in Guangdong.
func testNumber(i int) string { return fmt.Sprintf("25442%015d", i) }

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// assertSameInvoice compares two invoices field by field, decimals with Equal.
func assertSameInvoice(t *testing.T, got, want app.Invoice) {
	t.Helper()
	gotCopy, wantCopy := got, want
	gotCopy.Lines, wantCopy.Lines = nil, nil
	for _, d := range []struct {
		what      string
		got, want decimal.Decimal
	}{{"TotalAmount", got.TotalAmount, want.TotalAmount}, {"TotalTax", got.TotalTax, want.TotalTax}, {"Total", got.Total, want.Total}} {
		if !d.got.Equal(d.want) {
			t.Errorf("%s = %s, want %s", d.what, d.got, d.want)
		}
	}
	gotCopy.TotalAmount, gotCopy.TotalTax, gotCopy.Total = decimal.Zero, decimal.Zero, decimal.Zero
	wantCopy.TotalAmount, wantCopy.TotalTax, wantCopy.Total = decimal.Zero, decimal.Zero, decimal.Zero
	if !gotCopy.CreatedAt.Equal(wantCopy.CreatedAt) || !gotCopy.IssuedAt.Equal(wantCopy.IssuedAt) {
		t.Errorf("times: created %v issued %v, want %v and %v", got.CreatedAt, got.IssuedAt, want.CreatedAt, want.IssuedAt)
	}
	gotCopy.CreatedAt, gotCopy.IssuedAt, wantCopy.CreatedAt, wantCopy.IssuedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if !reflect.DeepEqual(gotCopy, wantCopy) {
		t.Errorf("invoice fields differ:\n got %+v\nwant %+v", gotCopy, wantCopy)
	}
	assertSameLines(t, got.Lines, want.Lines)
}

func assertSameLines(t *testing.T, got, want []app.Line) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d lines, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Nature != w.Nature || g.Name != w.Name || g.TaxCode != w.TaxCode || g.Spec != w.Spec ||
			g.Unit != w.Unit || g.TaxIncluded != w.TaxIncluded {
			t.Errorf("line %d text fields: got %+v want %+v", i, g, w)
		}
		sameNull(t, fmt.Sprintf("line %d quantity", i), g.Quantity, w.Quantity)
		sameNull(t, fmt.Sprintf("line %d price", i), g.Price, w.Price)
		for _, d := range []struct {
			what      string
			got, want decimal.Decimal
		}{{"amount", g.Amount, w.Amount}, {"tax_rate", g.TaxRate, w.TaxRate},
			{"amount_excl", g.AmountExcl, w.AmountExcl}, {"tax", g.Tax, w.Tax}} {
			if !d.got.Equal(d.want) {
				t.Errorf("line %d %s = %s, want %s", i, d.what, d.got, d.want)
			}
		}
	}
}

func sameNull(t *testing.T, what string, got, want decimal.NullDecimal) {
	t.Helper()
	if got.Valid != want.Valid || got.Valid && !got.Decimal.Equal(want.Decimal) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}
