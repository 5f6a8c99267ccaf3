package store

import (
	"context"
	"reflect"
	"testing"
	"time"

	"fapiao/app"

	"github.com/shopspring/decimal"
)

// partialRedLines reverse part of a blue invoice, as the bureau wants them:
// negative quantities and amounts, positive prices. They are listed out of
// blue-line order (3 before 1) so that a store sorting by Index would be
// caught, and they carry what is easy to lose: eight-decimal quantities, a
// price beyond eight decimals, a line without quantity, a 1.5% rate.
func partialRedLines() []app.RedLine {
	return []app.RedLine{
		{Index: 3, Line: app.Line{Nature: app.NatureNormal, Name: "*信息技术服务*系统运维服务",
			TaxCode: "3040201000000000000", Unit: "年",
			Quantity: decimal.NewNullDecimal(dec("-0.33333333")), Price: decimal.NewNullDecimal(dec("5000.0000000001")),
			Amount: dec("-1666.67"), TaxRate: dec("0.06"), AmountExcl: dec("-1666.67"), Tax: dec("-100.00")}},
		{Index: 1, Line: app.Line{Nature: app.NatureNormal, Name: "*软件*票单云财税管理系统",
			TaxCode: "1060301020100000000", Spec: "V1", Unit: "套",
			Quantity: decimal.NewNullDecimal(dec("-1")), Price: decimal.NewNullDecimal(dec("33.33333333")),
			Amount: dec("-33.33"), TaxIncluded: true, TaxRate: dec("0.13"), AmountExcl: dec("-29.50"), Tax: dec("-3.83")}},
		{Index: 4, Line: app.Line{Nature: app.NatureNormal, Name: "*经纪代理服务*代理报关",
			TaxCode: "3040802000000000000",
			Amount:  dec("-0.01"), TaxRate: dec("0.015"), AmountExcl: dec("-0.01"), Tax: dec("0")}},
	}
}

// redCase is a new case against blue with partialRedLines and their totals.
func redCase(blue string, step app.RedStep) app.RedCase {
	lines := partialRedLines()
	c := app.RedCase{BlueNumber: blue, Reason: app.RedReasonReturn, Partial: true, Lines: lines,
		Seller: testSeller, Buyer: companyBuyer, Type: app.TypeSpecial, Step: step}
	for _, l := range lines {
		c.TotalAmount = c.TotalAmount.Add(l.AmountExcl)
		c.TotalTax = c.TotalTax.Add(l.Tax)
	}
	c.Total = c.TotalAmount.Add(c.TotalTax)
	return c
}

// saveRed saves c with note, failing the test on error.
func saveRed(t *testing.T, db *DB, c *app.RedCase, note string) {
	t.Helper()
	if err := db.SaveRedCase(context.Background(), c, note); err != nil {
		t.Fatalf("SaveRedCase(%s, %s): %v", c.BlueNumber, c.Step, err)
	}
}

// assertSameRedCase compares two cases field by field: decimals with
// Equal, times with Equal, lines in order with their Index.
func assertSameRedCase(t *testing.T, got, want app.RedCase) {
	t.Helper()
	for _, d := range []struct {
		what      string
		got, want decimal.Decimal
	}{{"TotalAmount", got.TotalAmount, want.TotalAmount}, {"TotalTax", got.TotalTax, want.TotalTax}, {"Total", got.Total, want.Total}} {
		if !d.got.Equal(d.want) {
			t.Errorf("%s = %s, want %s", d.what, d.got, d.want)
		}
	}
	for _, tm := range []struct {
		what      string
		got, want time.Time
	}{{"CreatedAt", got.CreatedAt, want.CreatedAt}, {"UpdatedAt", got.UpdatedAt, want.UpdatedAt},
		{"Form.AppliedAt", got.Form.AppliedAt, want.Form.AppliedAt}} {
		if !tm.got.Equal(tm.want) {
			t.Errorf("%s = %v, want %v", tm.what, tm.got, tm.want)
		}
	}
	if len(got.Lines) != len(want.Lines) {
		t.Fatalf("%d lines, want %d", len(got.Lines), len(want.Lines))
	}
	gotLines, wantLines := make([]app.Line, len(got.Lines)), make([]app.Line, len(want.Lines))
	for i := range want.Lines {
		if got.Lines[i].Index != want.Lines[i].Index {
			t.Errorf("line %d Index = %d, want %d", i, got.Lines[i].Index, want.Lines[i].Index)
		}
		gotLines[i], wantLines[i] = got.Lines[i].Line, want.Lines[i].Line
	}
	assertSameLines(t, gotLines, wantLines)
	if !reflect.DeepEqual(redCaseRest(got), redCaseRest(want)) {
		t.Errorf("case fields differ:\n got %+v\nwant %+v", redCaseRest(got), redCaseRest(want))
	}
}

// redCaseRest is c without what assertSameRedCase compares on its own.
func redCaseRest(c app.RedCase) app.RedCase {
	c.Lines = nil
	c.TotalAmount, c.TotalTax, c.Total = decimal.Zero, decimal.Zero, decimal.Zero
	c.CreatedAt, c.UpdatedAt, c.Form.AppliedAt = time.Time{}, time.Time{}, time.Time{}
	return c
}
