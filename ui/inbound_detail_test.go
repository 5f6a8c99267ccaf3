package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/shopspring/decimal"

	"fapiao/app"
)

// TestInboundDetailShowsFieldsAndHistory: a tapped row (and Enter on the
// highlighted one) opens every field in words, and the change of its
// check status recorded by a later sync.
func TestInboundDetailShowsFieldsAndHistory(t *testing.T) {
	r := newInboundRig(t)
	r.store(genInbound(50, 5))
	inv := app.InboundInvoice{Status: app.InboundUnchecked, Type: "81", Number: "25512000000012345678",
		BillingDate: time.Date(2026, 1, 5, 0, 0, 0, 0, app.ChinaTime), // the newest: row 0
		BuyerName:   "北京民诺科技有限公司", BuyerTaxID: "9111011457319202X9",
		SellerName: "成都天府软件园有限公司", SellerTaxID: "91510100MA6CXP8Q2Q",
		Amount: decimal.NewNullDecimal(decimal.RequireFromString("1234.56")), Tax: decimal.RequireFromString("160.49"),
		ValidTax: decimal.RequireFromString("160.49"), State: "0", CheckStatus: "0", ManagementStatus: "1",
		NotDeductibleType: "3", BusinessType: "08"}
	inv.Key = app.InboundKey(inv.Code, inv.Number, inv.Type)
	r.store([]app.InboundInvoice{inv})
	checked := inv
	checked.Status, checked.CheckStatus, checked.Period = app.InboundChecked, "1", "202601"
	checked.CheckDate = time.Date(2026, 1, 20, 10, 30, 0, 0, app.ChinaTime)
	if _, err := r.db.UpsertInbound(context.Background(), []app.InboundInvoice{checked}, 7); err != nil {
		t.Fatal(err)
	}
	w, s := r.openInbound()
	if got := cellText(s, 0, column(t, s, "发票号码")); got != inv.Number {
		t.Fatalf("row 0 is %q", got)
	}

	test.TapAt(s.table.grid, rowCentre(s, 0))
	r.drain()
	got := overlayTexts(w.win)
	for _, want := range []string{
		"进项发票 25512000000012345678", "当期已勾选 (11)", "数电专票 (81)", "2026-01-05", "成都天府软件园有限公司",
		"91510100MA6CXP8Q2Q", "¥1,234.56", "¥160.49", "正常 (0)", "已勾选 (1)", "2026-01-20 10:30", "疑点 (1)",
		"福利消费 (3)", "通行费 (08)", "202601",
		"勾选状态:未勾选 → 已勾选", "(第 7 次同步)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the details lack %q:\n%s", want, got)
		}
	}
	dismissOverlays(w.win)

	// From the keyboard: down to the next row, Enter.
	next := cellText(s, 1, column(t, s, "发票号码"))
	s.table.grid.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	s.table.grid.TypedKey(keyReturn)
	r.drain()
	if got := overlayTexts(w.win); !strings.Contains(got, "进项发票 "+next) {
		t.Errorf("Down and Enter should open row 1, %s: %q", next, got)
	}
	dismissOverlays(w.win)
}

// rowCentre is the middle of row's first cell, in the table's
// coordinates, below the header row.
func rowCentre(s *inboundScreen, row int) fyne.Position {
	header := s.table.grid.CreateHeader().MinSize().Height
	height := s.table.grid.CreateCell().MinSize().Height
	return fyne.NewPos(columnWidth(s.table.columns[0])/2, header+float32(row)*(height+1)+height/2)
}
