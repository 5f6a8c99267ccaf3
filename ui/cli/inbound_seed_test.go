package cli_test

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"fapiao/app"
	"fapiao/providers/taxsync"
)

// seed002Server answers S000621 with seed 002's examples: the plain page for
// rzzt 10 and the adapter page for rzzt 40, zipped when asked, and empty
// pages for everything else.
func seed002Server(t *testing.T) *httptest.Server {
	plain, err := os.ReadFile("testdata/seed002_plain.json")
	if err != nil {
		t.Fatal(err)
	}
	adapter, err := os.ReadFile("testdata/seed002_adapter.json")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var env struct{ Content string }
		if r.URL.Path != "/invoice/S000621" || json.NewDecoder(r.Body).Decode(&env) != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		raw, _ := base64.StdEncoding.DecodeString(env.Content)
		var q struct {
			Page  int    `json:"page"`
			Rzzt  string `json:"rzzt"`
			IsZip string `json:"iszip"`
		}
		_ = json.Unmarshal(raw, &q)
		page := []byte(`{"pageSize":100,"currentPage":1,"count":0,"InvoiceList":[]}`)
		switch {
		case q.Rzzt == "10" && q.Page == 1:
			page = plain
		case q.Rzzt == "40" && q.Page == 1:
			page = adapter
		}
		content := base64.StdEncoding.EncodeToString(page)
		if q.IsZip == "1" {
			content = base64.StdEncoding.EncodeToString(zipped(t, page))
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"uuid": "u1", "code": "0000", "msg": "请求成功", "sfjf": "Y",
			"jf_num": 1, "content": content})
	}))
	t.Cleanup(srv.Close)
	return srv
}

func zipped(t *testing.T, data []byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	f, err := zw.Create("data.json")
	if err == nil {
		_, err = f.Write(data)
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Against a server answering exactly as seed 002's examples, plain and
// zipped, `inbound sync` stores every invoice with every documented field.
func TestInboundSyncFromTheSeedsExamples(t *testing.T) {
	for _, zip := range []bool{false, true} {
		w := newWorld(t)
		srv := seed002Server(t)
		c, err := taxsync.New(taxsync.Config{BaseURL: srv.URL, AppID: "seed-app", Secret: "seed-secret-1f9a",
			Jtnsrsbh: app.DemoSeller.TaxID, Nsrsbh: app.DemoSeller.TaxID, Zip: &zip})
		if err != nil {
			t.Fatal(err)
		}
		w.svc.Inbound = app.NewInboundService(c, w.db, nil)
		if _, errOut, code := w.run("inbound", "sync", "--status", "10,40"); code != 0 {
			t.Fatalf("zip=%v: sync exit %d %s", zip, code, errOut)
		}
		got := w.inboundList("--sort", "billing_date")
		if got.Count != 3 {
			t.Fatalf("zip=%v: stored %d, want the seed's 3 (1 plain + FP + HGJKS)", zip, got.Count)
		}
		byNumber := map[string]app.InboundInvoice{}
		for _, inv := range got.Invoices {
			byNumber[inv.Number] = inv
		}
		checkSeedPlain(t, byNumber["01539905"])
		checkSeedVoucher(t, byNumber["53042019104106***8-L02"])
		fp := byNumber["06374***"]
		if fp.Period != "202002" || fp.Kind != "FP" || fp.DeductibleMode != "1" || fp.Source != "1" ||
			fp.CheckTime.Format("2006-01-02 15:04:05") != "2020-02-28 22:01:30" || app.FormatMoney(fp.Amount.Decimal) != "5763.70" {
			t.Errorf("zip=%v: adapter FP stored as %+v", zip, fp)
		}
	}
}

func checkSeedPlain(t *testing.T, inv app.InboundInvoice) {
	t.Helper()
	want := map[string][2]string{
		"code": {inv.Code, "5200171130"}, "type": {inv.Type, "01"}, "status": {string(inv.Status), "10"},
		"billing": {inv.BillingDate.Format("2006-01-02"), "2018-06-21"}, "buyer": {inv.BuyerName, "北京*********有限公司"},
		"buyer_tax": {inv.BuyerTaxID, "911*********15B"}, "seller": {inv.SellerName, "*******有限公司"},
		"seller_tax": {inv.SellerTaxID, "9152**********936"}, "state": {inv.State, "0"},
		"amount": {app.FormatMoney(inv.Amount.Decimal), "28155.34"}, "tax": {app.FormatMoney(inv.Tax), "844.66"},
		"valid_tax": {app.FormatMoney(inv.ValidTax), "844.66"}, "check": {inv.CheckStatus, "1"},
		"deductible": {inv.Deductible, "0"}, "risk": {inv.ManagementStatus, "0"}, "period": {inv.Period, "202201"},
		"ylzd4": {inv.NotDeductibleType, "不抵扣类型"}, "ylzd5": {inv.EInvoiceNumber, "全电纸质发票的全电发票号码"},
	}
	for field, gw := range want {
		if gw[0] != gw[1] {
			t.Errorf("seed plain invoice %s = %q, want %q", field, gw[0], gw[1])
		}
	}
	if inv.BusinessType == "" {
		t.Error("tdyslxDm not stored")
	}
}

func checkSeedVoucher(t *testing.T, inv app.InboundInvoice) {
	t.Helper()
	if inv.Kind != "HGJKS" || inv.Type != "17" || inv.Amount.Valid || app.FormatMoney(inv.Tax) != "433138.80" ||
		inv.SourceID != "35100" || inv.Withheld != "0" || inv.ModifiedAt.Format("2006-01-02 15:04:05") != "2023-06-06 17:50:44" ||
		inv.Period != "202002" || inv.Status != app.InboundPastPeriods {
		t.Errorf("seed voucher stored as %+v", inv)
	}
}
