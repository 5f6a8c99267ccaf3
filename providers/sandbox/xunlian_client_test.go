package sandbox_test

import (
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
	"fapiao/providers/sandbox"
	"fapiao/providers/xunlian"
)

// These tests issue through the real 迅联云 client (providers/xunlian), so
// the two sides are held to one wire: seed 003's.

// xlSeller is the company the demo account issues for (Beijing).
var xlSeller = app.Party{Name: "北京民诺科技有限公司", TaxID: "9111011457319202X9",
	Address: "北京市昌平区东小口镇", Phone: "13581913319", Bank: "中国工商银行北京西三旗支行", Account: "0200240109200016984"}

var number20 = regexp.MustCompile(`^26112\d{15}$`) // 2026, Beijing, channel 2

// xlSandbox runs a sandbox on 127.0.0.1 with its clock at clientNow.
func xlSandbox(t *testing.T) (*sandbox.Server, string) {
	t.Helper()
	srv, err := sandbox.New(sandbox.Options{DBPath: filepath.Join(t.TempDir(), "sandbox.db"),
		Now: func() time.Time { return clientNow }})
	if err != nil {
		t.Fatal(err)
	}
	base, err := srv.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Error(err)
		}
	})
	return srv, base
}

// xlClient is the real client on the demo account; edit adjusts its config.
func xlClient(t *testing.T, base string, edit ...func(*xunlian.Config)) *xunlian.Client {
	t.Helper()
	cfg := xunlian.Config{BaseURL: base, CompanyDataResource: sandbox.DemoCompanyDataResource,
		TerminalCode: sandbox.DemoTerminalCode, Seller: xlSeller, Timeout: 5 * time.Second}
	for _, f := range edit {
		f(&cfg)
	}
	c, err := xunlian.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// xlInvoice prepares an invoice the way the app does, under serial.
func xlInvoice(t *testing.T, serial string, lines ...app.DraftLine) app.Invoice {
	t.Helper()
	if len(lines) == 0 {
		lines = []app.DraftLine{{Name: "*计算机*笔记本电脑", TaxCode: "1090509010000000000", Unit: "台",
			Quantity: "2", Price: "2582.5", Amount: "5165", TaxRate: "0.13", TaxIncluded: true}}
	}
	inv, err := app.Prepare(app.Draft{Type: "81",
		Buyer: app.Party{Name: "成都某某科技有限公司", TaxID: "91510113MA6739XPX2", Address: "成都市高新区某路1号"},
		Lines: lines}, xlSeller)
	if err != nil {
		t.Fatal(err)
	}
	inv.RequestSerial = serial
	return inv
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func stats(srv *sandbox.Server) int { return srv.Stats()["serverIssue"] }

func count(t *testing.T, srv *sandbox.Server) int {
	t.Helper()
	n, err := srv.InvoiceCount()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestXunlianClientIssuesABlueInvoice(t *testing.T) {
	srv, base := xlSandbox(t)
	inv := xlInvoice(t, xlSeller.TaxID+"_XL0001")
	res, err := xlClient(t, base).Issue(context.Background(), inv)
	if err != nil {
		t.Fatalf("Issue: %v", err)
	}
	if !number20.MatchString(res.Number) || res.Code != "" || len(res.CheckCode) != 20 ||
		res.IssuedAt.Format(time.DateOnly) != "2026-03-15" {
		t.Errorf("result %+v", res)
	}
	stored, err := srv.StoredInvoice(res.Number)
	if err != nil {
		t.Fatalf("the number is not recorded: %v", err)
	}
	if stored.RequestSerial != inv.RequestSerial || stored.CheckCode != res.CheckCode || stored.Provider != "迅联云(沙箱)" ||
		!stored.Total.Equal(inv.Total) || !stored.TotalTax.Equal(inv.TotalTax) || stored.Type != app.TypeSpecial {
		t.Errorf("stored %+v\nsent %+v", stored, inv)
	}
}

func TestXunlianClientSameSerialTwiceIsOneInvoice(t *testing.T) {
	srv, base := xlSandbox(t)
	c := xlClient(t, base)
	inv := xlInvoice(t, xlSeller.TaxID+"_XL0002")
	first, err := c.Issue(context.Background(), inv)
	if err != nil {
		t.Fatal(err)
	}
	second, err := c.Issue(context.Background(), inv)
	if err != nil {
		t.Fatal(err)
	}
	if first != second {
		t.Errorf("second %+v, want %+v", second, first)
	}
	if stats(srv) != 2 || count(t, srv) != 1 {
		t.Errorf("%d calls, %d invoices; want 2 calls, 1 invoice", stats(srv), count(t, srv))
	}
}

// The answer is lost after the invoice was committed: the client says the
// outcome is unknown, and sending the same serial again learns the number.
func TestXunlianClientLostAnswerThenResend(t *testing.T) {
	srv, base := xlSandbox(t)
	c := xlClient(t, base)
	inv := xlInvoice(t, xlSeller.TaxID+"_XL0003")
	srv.DropNext(1)
	_, err := c.Issue(context.Background(), inv)
	var pe *app.ProviderError
	if !errors.As(err, &pe) || pe.Kind != app.KindTransient || pe.NotSent {
		t.Fatalf("dropped answer: %v, want a transient error that may have been sent", err)
	}
	res, err := c.Issue(context.Background(), inv)
	if err != nil {
		t.Fatalf("resend: %v", err)
	}
	stored, err := srv.StoredInvoice(res.Number)
	if err != nil || stored.RequestSerial != inv.RequestSerial {
		t.Errorf("resend answered %s: %+v (%v)", res.Number, stored, err)
	}
	if count(t, srv) != 1 || stats(srv) != 2 {
		t.Errorf("%d invoices, %d calls; want 1 and 2", count(t, srv), stats(srv))
	}
}

// Refusals reach the client as errors of the kind that says what to do.
// Where the client checks a rule itself, nothing reaches the sandbox; the
// sandbox's own check of the same rule is in xunlian_check_test.go.
func TestXunlianClientRefusals(t *testing.T) {
	srv, base := xlSandbox(t)
	for _, tc := range []struct {
		name    string
		edit    func(*app.Invoice)
		config  func(*xunlian.Config)
		kind    app.ErrorKind
		notSent bool
		want    string
	}{
		{name: "over-long item name in GBK (the client's own check)", kind: app.KindBusiness, notSent: true, want: "92字节",
			edit: func(inv *app.Invoice) { inv.Lines[0].Name = "*计算机*" + strings.Repeat("电", 43) }}, // 94 bytes
		{name: "rate with four decimals (the client's own check)", kind: app.KindBusiness, notSent: true, want: "taxRate",
			edit: func(inv *app.Invoice) { inv.Lines[0].TaxRate = dec("0.1305") }},
		{name: "mismatched totals (the client's own check)", kind: app.KindBusiness, notSent: true, want: "totalAmountIncludeTax",
			edit: func(inv *app.Invoice) { inv.Total = inv.Total.Add(dec("0.02")) }},
		{name: "rate not in force", kind: app.KindBusiness, want: "taxRate",
			edit: func(inv *app.Invoice) { inv.Lines[0].TaxRate = dec("0.12"); inv.Lines[0].Tax = dec("594.20") }},
		{name: "bad buyer tax ID", kind: app.KindBusiness, want: "buyerTaxId",
			edit: func(inv *app.Invoice) { inv.Buyer.TaxID = "91510113MA6739XPX3" }},
		{name: "line tax off", kind: app.KindBusiness, want: "taxAmount",
			edit: func(inv *app.Invoice) {
				inv.Lines[0].Tax, inv.Lines[0].AmountExcl = dec("600.00"), dec("4565.00")
				inv.ApplyTotals()
			}},
		{name: "unknown companyDataResource", kind: app.KindCredentials, want: "数据来源未授权",
			config: func(c *xunlian.Config) { c.CompanyDataResource = "tb" }},
		{name: "another terminal", kind: app.KindCredentials, want: "终端编号",
			config: func(c *xunlian.Config) { c.TerminalCode = "921092123" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := stats(srv)
			inv := xlInvoice(t, xlSeller.TaxID+"_REFUSED")
			if tc.edit != nil {
				tc.edit(&inv)
			}
			var edits []func(*xunlian.Config)
			if tc.config != nil {
				edits = append(edits, tc.config)
			}
			_, err := xlClient(t, base, edits...).Issue(context.Background(), inv)
			var pe *app.ProviderError
			if !errors.As(err, &pe) || pe.Kind != tc.kind || pe.NotSent != tc.notSent || !strings.Contains(pe.Error(), tc.want) {
				t.Fatalf("error %v (%#v), want kind %v, NotSent %v, naming %q", err, pe, tc.kind, tc.notSent, tc.want)
			}
			if sent := stats(srv) - before; sent != map[bool]int{true: 0, false: 1}[tc.notSent] {
				t.Errorf("%d requests reached the sandbox", sent)
			}
		})
	}
	if n := count(t, srv); n != 0 {
		t.Errorf("%d invoices issued by refused requests", n)
	}
}

// The demo account is bound to the first seller it issued for: another
// seller is a configuration problem, reported as credentials.
func TestXunlianClientAnotherSellerIsRefused(t *testing.T) {
	srv, base := xlSandbox(t)
	if _, err := xlClient(t, base).Issue(context.Background(), xlInvoice(t, xlSeller.TaxID+"_S1")); err != nil {
		t.Fatal(err)
	}
	other := xlSeller
	other.TaxID = "91310000631757739E"
	inv := xlInvoice(t, other.TaxID+"_S2")
	inv.Seller = other
	_, err := xlClient(t, base, func(c *xunlian.Config) { c.Seller = other }).Issue(context.Background(), inv)
	if app.ErrorKindOf(err) != app.KindCredentials || !strings.Contains(err.Error(), "sellerTaxId") {
		t.Errorf("another seller on the demo account: %v, want a credentials error naming sellerTaxId", err)
	}
	if count(t, srv) != 1 {
		t.Errorf("%d invoices, want 1", count(t, srv))
	}
}

// redOf is the whole red invoice of blue, as the app's red flow builds it.
func redOf(blue app.Invoice, serial string) app.Invoice {
	red := app.Invoice{RequestSerial: serial, Type: blue.Type, Seller: blue.Seller, Buyer: blue.Buyer,
		BlueNumber: blue.Number, Remark: "被红冲蓝字数电发票号码:" + blue.Number}
	for _, l := range app.ReversibleLines(blue) {
		red.Lines = append(red.Lines, l.Line)
	}
	red.ApplyTotals()
	return red
}

func TestXunlianClientRedByBlueNumber(t *testing.T) {
	srv, base := xlSandbox(t)
	c := xlClient(t, base)
	ctx := context.Background()
	blue := xlInvoice(t, xlSeller.TaxID+"_B1")
	res, err := c.Issue(ctx, blue)
	if err != nil {
		t.Fatal(err)
	}
	blue.Number, blue.Status = res.Number, app.StatusIssued

	redRes, err := c.IssueRedDirect(ctx, redOf(blue, xlSeller.TaxID+"_R1"), blue)
	if err != nil {
		t.Fatalf("IssueRedDirect: %v", err)
	}
	red, err := srv.StoredInvoice(redRes.Number)
	if err != nil || red.BlueNumber != blue.Number || !red.Total.Equal(blue.Total.Neg()) || !red.Total.IsNegative() {
		t.Errorf("red stored %+v (%v)", red, err)
	}
	_, err = c.IssueRedDirect(ctx, redOf(blue, xlSeller.TaxID+"_R2"), blue)
	if app.ErrorKindOf(err) != app.KindBusiness || !strings.Contains(err.Error(), "已全额红冲") {
		t.Errorf("second red: %v, want a business refusal saying it is fully reversed", err)
	}
	if count(t, srv) != 2 {
		t.Errorf("%d invoices, want blue and red", count(t, srv))
	}
}

// A discounted line travels as lineAttribute 2 with its discount; the
// sandbox stores the bureau's pair of lines, and reverses it whole.
func TestXunlianClientDiscountLine(t *testing.T) {
	srv, base := xlSandbox(t)
	c := xlClient(t, base)
	ctx := context.Background()
	for _, included := range []bool{true, false} {
		serial := map[bool]string{true: "_DISC1", false: "_DISC0"}[included]
		blue := xlInvoice(t, xlSeller.TaxID+serial, app.DraftLine{Name: "*计算机*笔记本电脑", TaxCode: "1090509010000000000",
			Unit: "台", Quantity: "2", Price: "2582.5", Amount: "5165", TaxRate: "0.13", TaxIncluded: included, Discount: "565"})
		if len(blue.Lines) != 2 {
			t.Fatalf("prepared %d lines, want the discounted line and its discount line", len(blue.Lines))
		}
		res, err := c.Issue(ctx, blue)
		if err != nil {
			t.Fatalf("Issue (included %v): %v", included, err)
		}
		stored, err := srv.StoredInvoice(res.Number)
		if err != nil {
			t.Fatal(err)
		}
		if len(stored.Lines) != 2 || stored.Lines[0].Nature != app.NatureDiscounted || stored.Lines[1].Nature != app.NatureDiscount ||
			!stored.Lines[1].AmountExcl.Equal(blue.Lines[1].AmountExcl) || !stored.Lines[1].Tax.Equal(blue.Lines[1].Tax) ||
			!stored.Total.Equal(blue.Total) {
			t.Errorf("included %v: stored %+v\nsent %+v", included, stored.Lines, blue.Lines)
		}
		blue.Number = res.Number
		if _, err := c.IssueRedDirect(ctx, redOf(blue, xlSeller.TaxID+serial+"R"), blue); err != nil {
			t.Errorf("red of the discounted invoice (included %v): %v", included, err)
		}
	}
}
