package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"fapiao/app"
)

func TestCatalogsRankByUseThenRecency(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	alpha := app.Party{Name: "成都阿尔法科技有限公司", TaxID: "91510113MA6739XPX2", Address: "成都市武侯区"}
	beta := app.Party{Name: "北京贝塔科技有限公司", TaxID: "9111011457319202X9"}
	zhang := app.Party{Name: "张三", NaturalPerson: true}
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, app.ChinaTime)
	n := 0
	issueTo := func(b app.Party, item string, amount app.NumText) {
		n++
		serial := fmt.Sprintf("S%d", n)
		pendingInvoice(t, db, serial, simpleDraft(b, item, amount))
		issue(t, db, serial, testNumber(n), at.Add(time.Duration(n)*time.Minute))
	}
	issueTo(alpha, "*软件*授权", "10")
	issueTo(beta, "*软件*维护", "20")
	issueTo(beta, "*软件*维护", "30")
	issueTo(zhang, "*软件*授权", "40")
	// alpha again, with a new address: the catalog keeps the latest details.
	alpha.Address = "成都市高新区"
	issueTo(alpha, "*软件*授权", "50")
	issueTo(zhang, "*软件*授权", "60")
	// Newest of all but used once: ranks below every buyer used twice.
	issueTo(app.Party{Name: "重庆德尔塔科技有限公司", TaxID: "91500000MA5U7XXX07"}, "*软件*咨询", "70")

	buyers, err := db.SuggestBuyers(ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	// Uses: alpha 2 (last 5th), beta 2 (last 3rd), zhang 2 (last 6th), delta 1 (7th).
	if got := buyerNames(buyers); got != "张三,成都阿尔法科技有限公司,北京贝塔科技有限公司,重庆德尔塔科技有限公司" {
		t.Errorf("buyers = %s", got)
	}
	if buyers[1].Address != "成都市高新区" || buyers[1].TaxID != alpha.TaxID || !buyers[0].NaturalPerson {
		t.Errorf("buyer details: %+v", buyers)
	}
	if got, _ := db.SuggestBuyers(ctx, "科技", 1); buyerNames(got) != "成都阿尔法科技有限公司" {
		t.Errorf("limit 1 on 科技 = %s", buyerNames(got))
	}
	if got, _ := db.SuggestBuyers(ctx, "911101", 10); buyerNames(got) != "北京贝塔科技有限公司" {
		t.Errorf("tax ID prefix = %s", buyerNames(got))
	}
	if got, _ := db.SuggestBuyers(ctx, "%", 10); len(got) != 0 {
		t.Errorf("%% matched %s", buyerNames(got))
	}

	items, err := db.SuggestItems(ctx, "软件", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 3 || items[0].Name != "*软件*授权" || items[1].Name != "*软件*维护" || items[2].Name != "*软件*咨询" {
		t.Fatalf("items = %+v", items)
	}
	if items[0].Price != "60" || items[0].TaxRate != "0.06" || !items[0].TaxIncluded || items[0].TaxCode != "1060301020100000000" {
		t.Errorf("last price/rate of 授权: %+v", items[0])
	}
}

func TestCatalogSkipsDiscountLinesAndPendingInvoices(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	pendingInvoice(t, db, "S1", richDraft())
	if items, _ := db.SuggestItems(ctx, "", 10); len(items) != 0 {
		t.Errorf("a pending invoice fed the catalog: %+v", items)
	}
	issue(t, db, "S1", testNumber(1), time.Now())
	items, _ := db.SuggestItems(ctx, "", 10)
	// richDraft: 3 items, one of them discounted; its discount line is no item.
	if len(items) != 3 || useCount(t, db, "items") != 3 {
		t.Errorf("items after issue = %d (uses %d): %+v", len(items), useCount(t, db, "items"), items)
	}
	for _, it := range items {
		if it.Name == "*经纪代理服务*代理报关" && it.Price != "" {
			t.Errorf("an item without price got price %q", it.Price)
		}
		if it.Name == "*软件*票单云财税管理系统" && it.Price != "33.33333333" {
			t.Errorf("8-decimal price stored as %q", it.Price)
		}
	}
}

func buyerNames(ps []app.Party) string {
	s := ""
	for i, p := range ps {
		if i > 0 {
			s += ","
		}
		s += p.Name
	}
	return s
}
