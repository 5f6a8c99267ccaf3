package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/shopspring/decimal"

	"fapiao/app"
)

func TestInboundTabOnlyWithTheService(t *testing.T) {
	fx := newFixture(t)
	w := fx.open()
	if w.inbound != nil || w.inboundTab != nil {
		t.Fatal("no inbound service, no 进项发票 tab")
	}

	r := newInboundRig(t)
	w, _ = r.openInbound()
	if got := w.tabs.Items[tabIssued+1].Text; got != "进项发票" {
		t.Errorf("the tab after 已开发票 is %q, want 进项发票", got)
	}
}

// TestInboundTableCountCellsSortAndSums: the table is as long as the
// totals say, a cell shows the stored value once its page is read,
// 金额 tapped twice sorts largest first, and a filter by status and
// seller changes the count and the sums to what Go sums over the rows.
func TestInboundTableCountCellsSortAndSums(t *testing.T) {
	r := newInboundRig(t)
	invoices := genInbound(2000, 1)
	r.store(invoices)
	_, s := r.openInbound()

	if want := r.totals(app.InboundQuery{}).Count; int64(s.table.count) != want || want != 2000 {
		t.Fatalf("rows: %d, totals %d, stored 2000", s.table.count, want)
	}
	first, err := r.fx.svc.Inbound.Query(context.Background(), app.InboundQuery{Offset: 450, Limit: 1})
	if err != nil || len(first) != 1 {
		t.Fatal(err)
	}
	number := column(t, s, "发票号码")
	if got := cellText(s, 450, number); got != loadingCell {
		t.Errorf("row 450 before its page is read shows %q, want %q", got, loadingCell)
	}
	r.drain()
	if got := cellText(s, 450, number); got != first[0].Number {
		t.Errorf("row 450 shows %q, want the stored %q", got, first[0].Number)
	}

	amount := column(t, s, "金额")
	test.Tap(headerButton(t, s, "金额"))
	r.drain()
	test.Tap(headerButton(t, s, "金额"))
	r.drain()
	largest := decimal.Zero
	for _, inv := range invoices {
		if inv.Amount.Valid && inv.Amount.Decimal.GreaterThan(largest) {
			largest = inv.Amount.Decimal
		}
	}
	if got := cellText(s, 0, amount); got != groupedAmount(largest) {
		t.Errorf("sorted by 金额 descending, row 0 shows %q, want the largest %s", got, groupedAmount(largest))
	}
	if !s.table.desc || s.table.sort != "amount" {
		t.Errorf("sort: %s desc=%v", s.table.sort, s.table.desc)
	}
	if b := headerButton(t, s, "金额"); b.Icon != theme.MenuDropDownIcon() {
		t.Error("the 金额 header should show a downward arrow")
	}
	if b := headerButton(t, s, "开票日期"); b.Icon != nil {
		t.Error("only the sorted column has an arrow")
	}

	s.filter.status.SetSelected("未勾选")
	r.drain()
	test.Type(s.filter.seller, "天府软件")
	s.filter.seller.TypedKey(keyReturn)
	r.drain()
	var want app.InboundTotals
	for _, inv := range invoices {
		if inv.Status != app.InboundUnchecked || !strings.Contains(inv.SellerName, "天府软件") {
			continue
		}
		want.Count++
		want.Amount = want.Amount.Add(inv.Amount.Decimal)
		want.Tax = want.Tax.Add(inv.Tax)
		want.ValidTax = want.ValidTax.Add(inv.ValidTax)
	}
	if want.Count == 0 || want.Count == 2000 {
		t.Fatalf("the filter should match some rows: %d", want.Count)
	}
	if int64(s.table.count) != want.Count {
		t.Errorf("filtered rows: %d, want %d", s.table.count, want.Count)
	}
	if got := s.totals.Text; got != totalsText(want) {
		t.Errorf("totals line:\n got %s\nwant %s", got, totalsText(want))
	}
	if got := cellText(s, 0, column(t, s, "销方名称")); got != "成都天府软件园有限公司" {
		t.Errorf("a filtered row's seller: %q", got)
	}
	if got := cellText(s, 0, column(t, s, "状态")); got != "未勾选" {
		t.Errorf("a filtered row's status: %q", got)
	}
	// Still sorted by amount, descending, within the filter.
	a, b := cellText(s, 0, amount), cellText(s, 1, amount)
	if parseGrouped(t, a).LessThan(parseGrouped(t, b)) {
		t.Errorf("rows 0 and 1 out of order: %s < %s", a, b)
	}

	tapButton(s.filter.reset)
	r.drain()
	if s.table.count != 2000 || s.filter.seller.Text != "" || s.filter.status.code() != "" {
		t.Errorf("重置: %d rows, seller %q, status %q", s.table.count, s.filter.seller.Text, s.filter.status.code())
	}
}

func parseGrouped(t *testing.T, s string) decimal.Decimal {
	t.Helper()
	d, err := decimal.NewFromString(strings.ReplaceAll(s, ",", ""))
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return d
}

// TestInboundVoucherAmountIsADash: a customs voucher has no amount.
func TestInboundVoucherAmountIsADash(t *testing.T) {
	r := newInboundRig(t)
	invoices := genInbound(300, 2)
	r.store(invoices)
	_, s := r.openInbound()
	s.filter.typ.SetSelected("海关缴款书")
	r.drain()
	if s.table.count == 0 {
		t.Fatal("no vouchers")
	}
	if got := cellText(s, 0, column(t, s, "金额")); got != "—" {
		t.Errorf("a voucher's amount shows %q", got)
	}
	if _, _, align := s.table.cell(0, column(t, s, "税额")); align != fyne.TextAlignTrailing {
		t.Error("money is right-aligned")
	}
}

// TestInboundFilterValidation: a bad date or amount shows its error under
// the field and queries nothing; fixed, it queries.
func TestInboundFilterValidation(t *testing.T) {
	r := newInboundRig(t)
	r.store(genInbound(100, 3))
	_, s := r.openInbound()
	seq, gen := s.seq, s.pages.gen

	test.Type(s.filter.from, "2025-13-01")
	test.Type(s.filter.minAmount, "12x")
	test.Type(s.filter.period, "2025-03")
	s.filter.minAmount.TypedKey(keyReturn)
	r.drain()
	for name, f := range map[string]*labelled{"from": s.filter.fromField, "min": s.filter.minField, "period": s.filter.periodField} {
		if !f.errors.Visible() || f.errors.Text == "" {
			t.Errorf("%s: no error shown", name)
		}
	}
	if !strings.Contains(s.filter.fromField.errors.Text, "yyyy-MM-dd") {
		t.Errorf("date error: %q", s.filter.fromField.errors.Text)
	}
	if !strings.Contains(s.filter.minField.errors.Text, "金额") {
		t.Errorf("amount error: %q", s.filter.minField.errors.Text)
	}
	if s.seq != seq || s.pages.gen != gen {
		t.Error("a bad filter must not query")
	}

	s.filter.from.SetText("2024-03-01")
	s.filter.to.SetText("2024-02-01")
	s.filter.minAmount.SetText("100.5")
	s.filter.maxAmount.SetText("100.123")
	s.filter.period.SetText("")
	s.filter.to.TypedKey(keyReturn)
	if s.filter.fromField.errors.Visible() || s.filter.minField.errors.Visible() {
		t.Error("good values show no error")
	}
	if !strings.Contains(s.filter.toField.errors.Text, "早于") || !strings.Contains(s.filter.maxField.errors.Text, "两位小数") {
		t.Errorf("to: %q, max: %q", s.filter.toField.errors.Text, s.filter.maxField.errors.Text)
	}
	if s.seq != seq {
		t.Error("a bad filter must not query")
	}

	s.filter.to.SetText("2024-6-30")
	s.filter.maxAmount.SetText("500,000")
	tapButton(s.filter.applyButton)
	r.drain()
	if s.seq == seq || s.filter.toField.errors.Visible() || s.filter.maxField.errors.Visible() {
		t.Fatal("good filters query")
	}
	q := app.InboundQuery{From: mustDay(t, "2024-03-01"), To: mustDay(t, "2024-06-30"),
		MinAmount: decimal.NewNullDecimal(decimal.RequireFromString("100.5")),
		MaxAmount: decimal.NewNullDecimal(decimal.RequireFromString("500000"))}
	if want := r.totals(q).Count; int64(s.table.count) != want {
		t.Errorf("rows %d, want %d", s.table.count, want)
	}
}

func mustDay(t *testing.T, s string) time.Time {
	t.Helper()
	d, msg := parseFilterDate(s)
	if msg != "" {
		t.Fatal(msg)
	}
	return d
}

// TestInboundSurvivesALanguageChange: the filters, the sort and the
// applied query stay; the labels change.
func TestInboundSurvivesALanguageChange(t *testing.T) {
	r := newInboundRig(t)
	r.store(genInbound(500, 8))
	w, s := r.openInbound()
	s.filter.state.SetSelected("红冲")
	test.Type(s.filter.seller, "华为")
	s.filter.seller.TypedKey(keyReturn)
	r.drain()
	test.Tap(headerButton(t, s, "税额"))
	r.drain()
	count := s.table.count

	w.setLanguage(langEnglish)
	r.drain()
	s = w.inbound
	if w.tabs.Selected() != w.inboundTab || w.inboundTab.Text != "Inbound invoices" {
		t.Fatalf("tab %q selected %v", w.inboundTab.Text, w.tabs.Selected() == w.inboundTab)
	}
	if s.filter.state.Selected != "Reversed" || s.filter.seller.Text != "华为" || s.table.sort != "tax" {
		t.Errorf("kept: state %q seller %q sort %q", s.filter.state.Selected, s.filter.seller.Text, s.table.sort)
	}
	if s.table.count != count || !strings.HasPrefix(s.totals.Text, groupedCount(int64(count))+" invoices") {
		t.Errorf("rows %d (was %d), totals %q", s.table.count, count, s.totals.Text)
	}
	if got := cellText(s, 0, column(t, s, "Invoice state")); got != "Reversed" {
		t.Errorf("state cell in English: %q", got)
	}
	w.setLanguage(langChinese)
}
