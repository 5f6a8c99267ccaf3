package sandbox

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

var (
	xlUUIDShape = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	digits20    = regexp.MustCompile(`^\d{20}$`)
	docIDShape  = regexp.MustCompile(`^ANI\d{14}$`)
	seedAmount  = regexp.MustCompile(`"amount":4570\.80[,}]`)
	otherIDText = regexp.MustCompile(`"otherId":"28045669365055408"`)
)

func TestServerIssueAnswersInTheSeedsShape(t *testing.T) {
	e := start(t)
	r := e.serverIssue(xlRequest("KPTZ202104130005"))
	if !r.OK || r.Status.ReturnCode != "200" || r.HTTP != 200 || r.Status.Message != nil {
		t.Fatalf("answer %s", r.Raw)
	}
	b := e.mustIssueXL(xlRequest("KPTZ202104130005")) // the same again: same answer
	switch {
	case b.RequisitionApplyNo != "KPTZ202104130005":
		t.Errorf("requisitionApplyNo %q", b.RequisitionApplyNo)
	case !xlUUIDShape.MatchString(b.InvoiceUUID):
		t.Errorf("invoiceUuid %q is not a UUID", b.InvoiceUUID)
	case !docIDShape.MatchString(b.DocID):
		t.Errorf("docId %q", b.DocID)
	case b.InvoiceCode != "" || !strings.Contains(r.Raw, `"invoiceCode":""`):
		t.Errorf("invoiceCode %q, want \"\" (数电)", b.InvoiceCode)
	case !digits20.MatchString(b.InvoiceNumber) || !strings.HasPrefix(b.InvoiceNumber, "26112"):
		t.Errorf("invoiceNumber %q, want 20 digits of 2026, Beijing, channel 2", b.InvoiceNumber)
	case b.InvoiceDate != "2026-03-15":
		t.Errorf("invoiceDate %q", b.InvoiceDate)
	case !digits20.MatchString(b.InvoiceParityCode):
		t.Errorf("invoiceParityCode %q", b.InvoiceParityCode)
	}
	// otherId was sent as a 17-digit number: echoed as a string, digit
	// for digit; amount is a number with two decimals.
	if !otherIDText.MatchString(r.Raw) || !seedAmount.MatchString(r.Raw) {
		t.Errorf("answer %s: want otherId as the string sent and amount 4570.80 as a number", r.Raw)
	}
}

func TestServerIssueSameApplicationTwiceIssuesOnce(t *testing.T) {
	e := start(t)
	first := e.mustIssueXL(xlRequest("A1"))
	// The same content written otherwise: otherId as a string, an amount
	// without its trailing zero, keys in another order (a new map).
	again := xlRequest("A1")
	again["otherId"] = "28045669365055408"
	again["totalAmountExcludeTax"] = "4570.8"
	second := e.mustIssueXL(again)
	if first != second {
		t.Errorf("second answer %+v, want the first %+v", second, first)
	}
	if n := e.invoiceCount(); n != 1 {
		t.Errorf("%d invoices, want 1", n)
	}
	if got := e.srv.Stats()["serverIssue"]; got != 2 {
		t.Errorf("Stats serverIssue = %d, want 2", got)
	}
}

func TestServerIssueSameApplicationOtherContentIsRefused(t *testing.T) {
	e := start(t)
	first := e.mustIssueXL(xlRequest("A1"))
	changed := xlRequest("A1")
	changed["note"] = "另一张发票"
	e.refusedXL(e.serverIssue(changed), "409", "申请单号已使用", "A1", first.InvoiceNumber)
	if n := e.invoiceCount(); n != 1 {
		t.Errorf("%d invoices, want 1", n)
	}
	// The original is still answered as it was.
	if again := e.mustIssueXL(xlRequest("A1")); again != first {
		t.Errorf("after the refusal %+v, want %+v", again, first)
	}
}

// An application number a 票单云 invoice took is used too: one table, one
// set of serials.
func TestServerIssueApplicationNumberUsedByBlueTicket(t *testing.T) {
	e := start(t)
	e.issue(seedInvoice("X1"))
	e.refusedXL(e.serverIssue(xlRequest(sellerID+"_X1")), "409", "申请单号已使用")
}

func TestServerIssueDroppedAnswerThenResendGetsTheSameInvoice(t *testing.T) {
	e := start(t)
	e.srv.DropNext(1)
	req := xlRequest("D1")
	if _, _, err := e.postXLRaw(req); err == nil {
		t.Fatal("the answer was not dropped")
	}
	if n := e.invoiceCount(); n != 1 {
		t.Fatalf("%d invoices after the drop, want 1 (committed)", n)
	}
	b := e.mustIssueXL(req)
	stored, err := e.srv.findInvoice(context.Background(), invoiceKey{Serial: "D1"})
	if err != nil || stored.Number != b.InvoiceNumber {
		t.Errorf("resend answered %s, stored %s (%v)", b.InvoiceNumber, stored.Number, err)
	}
	if n := e.invoiceCount(); n != 1 {
		t.Errorf("%d invoices after the resend, want 1", n)
	}
}

func TestServerIssueInjectedFailureIssuesNothing(t *testing.T) {
	e := start(t)
	e.srv.FailNext(1)
	resp, _, err := e.postXLRaw(xlRequest("F1"))
	if err != nil || resp.StatusCode != 503 {
		t.Fatalf("want an injected 503, got %v %v", resp, err)
	}
	if n := e.invoiceCount(); n != 0 {
		t.Fatalf("%d invoices after a 503, want 0", n)
	}
	e.mustIssueXL(xlRequest("F1"))
	if got := e.srv.Stats()["serverIssue"]; got != 2 {
		t.Errorf("Stats serverIssue = %d, want 2", got)
	}
}

// serverIssue's invoices are numbered from blueTicket's counter and kept
// in the same table, marked as 迅联云's, with their check code.
func TestServerIssueSharesNumberingAndStore(t *testing.T) {
	e := start(t)
	bt := e.issue(seedInvoice("N1"))
	xl := e.mustIssueXL(xlRequest("N2"))
	if bt.Fphm[:5] != xl.InvoiceNumber[:5] || xl.InvoiceNumber[5:] != increment(bt.Fphm[5:]) {
		t.Errorf("blueTicket %s then serverIssue %s: want the next number of the same series", bt.Fphm, xl.InvoiceNumber)
	}
	inv, err := e.srv.findInvoice(context.Background(), invoiceKey{Number: xl.InvoiceNumber})
	if err != nil {
		t.Fatal(err)
	}
	if inv.Provider != xunlianProviderName || inv.Channel != channelXunlian || inv.CheckCode != xl.InvoiceParityCode {
		t.Errorf("stored provider %q channel %q check code %q", inv.Provider, inv.Channel, inv.CheckCode)
	}
	if inv.Type != "81" || inv.Seller.TaxID != sellerID || inv.Buyer.TaxID != buyerID || inv.Username != DemoCompanyDataResource {
		t.Errorf("stored %+v", inv.Invoice)
	}
	if len(inv.Lines) != 1 || inv.Lines[0].AmountExcl.String() != "4570.8" || inv.Lines[0].Tax.String() != "594.2" ||
		!inv.Lines[0].TaxIncluded || inv.Total.String() != "5165" {
		t.Errorf("stored lines %+v total %s", inv.Lines, inv.Total)
	}
	// The 票单云 side sees it like its own: retInviceMsg on the number.
	if d := e.mustCheck(xl.InvoiceNumber); d.Fphm != xl.InvoiceNumber {
		t.Errorf("retInviceMsg %+v", d)
	}
}

// increment adds one to a decimal string of fixed width.
func increment(s string) string {
	b := []byte(s)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < '9' {
			b[i]++
			return string(b)
		}
		b[i] = '0'
	}
	return string(b)
}

// A discounted line (lineAttribute 2) is stored as the bureau stores it:
// the line, then its discount line.
func TestServerIssueDiscountIsStoredAsADiscountLine(t *testing.T) {
	e := start(t)
	req := xlRequest("DS1")
	l := line0(req)
	l["lineAttribute"], l["discount"], l["taxDiscount"] = "2", "565.00", "65.00"
	req["totalAmountExcludeTax"], req["totalTaxAmount"], req["totalAmountIncludeTax"] = "4070.80", "529.20", "4600.00"
	b := e.mustIssueXL(req)
	inv, err := e.srv.findInvoice(context.Background(), invoiceKey{Number: b.InvoiceNumber})
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Lines) != 2 || inv.Lines[0].Nature != 2 || inv.Lines[1].Nature != 1 {
		t.Fatalf("stored lines %+v", inv.Lines)
	}
	d := inv.Lines[1]
	if d.Amount.String() != "-565" || d.AmountExcl.String() != "-500" || d.Tax.String() != "-65" || d.Name != "笔记本电脑" {
		t.Errorf("discount line %+v", d)
	}
	if inv.Total.String() != "4600" || b.Amount != "4070.80" {
		t.Errorf("total %s amount %s", inv.Total, b.Amount)
	}
}

func TestServerIssueRedReversesTheBlueInvoiceWhole(t *testing.T) {
	e := start(t)
	blue := e.mustIssueXL(xlRequest("B1"))
	red := e.mustIssueXL(xlRedOf("R1", blue.InvoiceNumber))
	if red.InvoiceNumber == blue.InvoiceNumber || red.Amount != "-4570.80" {
		t.Errorf("red %+v", red)
	}
	ctx := context.Background()
	stored, err := e.srv.findInvoice(ctx, invoiceKey{Number: red.InvoiceNumber})
	if err != nil || !stored.Red || stored.BlueNumber != blue.InvoiceNumber || stored.Total.String() != "-5165" {
		t.Errorf("red stored %+v (%v)", stored, err)
	}
	b, err := loadBlueForRed(ctx, e.srv.db, sellerID, blue.InvoiceNumber)
	if err != nil || b.RedStatus != redStatusFull || !b.fullyReversed() {
		t.Errorf("blue after the red: status %q, fully reversed %v (%v)", b.RedStatus, b.fullyReversed(), err)
	}
	var blueSeq int
	if err := e.srv.db.QueryRow(`SELECT blue_seq FROM invoice_lines WHERE invoice_id = ?`, stored.ID).Scan(&blueSeq); err != nil || blueSeq != 1 {
		t.Errorf("red line's blue_seq %d (%v), want 1", blueSeq, err)
	}
	// A second red of the same blue invoice is refused, by 迅联云 and by 票单云.
	e.refusedXL(e.serverIssue(xlRedOf("R2", blue.InvoiceNumber)), "400", "blueInvoiceNo", "已全额红冲")
	refused(t, "retInviceMsg after the red", e.blueCheck(blue.InvoiceNumber), "已全额红冲")
	// The red one repeated under its own number is answered, not refused.
	if again := e.mustIssueXL(xlRedOf("R1", blue.InvoiceNumber)); again != red {
		t.Errorf("red repeated: %+v, want %+v", again, red)
	}
}

func TestServerIssueRedRules(t *testing.T) {
	e := start(t)
	blue := e.mustIssueXL(xlRequest("B1"))
	other := xlRequest("B2")
	other["buyerTaxId"] = "91310000631757739E"
	e.mustIssueXL(other)

	partial := xlRedOf("R1", blue.InvoiceNumber)
	partial["totalAmountExcludeTax"], partial["totalTaxAmount"], partial["totalAmountIncludeTax"] = "-100.00", "-13.00", "-113.00"
	l := line0(partial)
	l["lineAmountExcludeTax"], l["lineAmountIncludeTax"], l["taxAmount"], l["quantity"] = "-100.00", "-113.00", "-13.00", nil
	l["priceExcludeTax"], l["priceIncludeTax"] = nil, nil
	e.refusedXL(e.serverIssue(partial), "400", "全额红冲", "5165.00", "-113.00")

	unknown := xlRedOf("R2", "26112000000000009999")
	e.refusedXL(e.serverIssue(unknown), "400", "blueInvoiceNo", "未查询到该发票")

	noNumber := xlRedOf("R3", "")
	e.refusedXL(e.serverIssue(noNumber), "400", "blueInvoiceNo", "开红票")

	withCode := xlRedOf("R4", blue.InvoiceNumber)
	withCode["blueInvoiceCode"] = "050002000205"
	e.refusedXL(e.serverIssue(withCode), "400", "blueInvoiceCode", "数电发票没有发票代码")

	blueWithNumber := xlRequest("B3")
	blueWithNumber["blueInvoiceNo"] = blue.InvoiceNumber
	e.refusedXL(e.serverIssue(blueWithNumber), "400", "blueInvoiceNo", "仅在开红票时填写")

	otherBuyer := xlRedOf("R5", blue.InvoiceNumber)
	otherBuyer["buyerTaxId"] = "91310000631757739E"
	e.refusedXL(e.serverIssue(otherBuyer), "400", "buyerTaxId", "蓝票")

	otherType := xlRedOf("R6", blue.InvoiceNumber)
	otherType["invoiceTypeCode"] = "10"
	e.refusedXL(e.serverIssue(otherType), "400", "invoiceTypeCode", "蓝票")

	positiveLine := xlRedOf("R7", blue.InvoiceNumber)
	line0(positiveLine)["quantity"] = "1"
	e.refusedXL(e.serverIssue(positiveLine), "400", "quantity", "负数")

	if n := e.invoiceCount(); n != 2 {
		t.Errorf("%d invoices, want the 2 blue ones", n)
	}
	// None of the refusals touched the blue invoice.
	b, err := loadBlueForRed(context.Background(), e.srv.db, sellerID, blue.InvoiceNumber)
	if err != nil || b.RedStatus != redStatusNone || anyReversed(b.Lines) {
		t.Errorf("blue after refusals: %q (%v)", b.RedStatus, err)
	}
}

// The demo account has no configured company: it is bound to the first
// seller that issues through it, and refuses others (403). An account
// with a company refuses others from the start.
func TestServerIssueAccountIssuesForOneCompany(t *testing.T) {
	e := start(t)
	e.mustIssueXL(xlRequest("C1"))
	other := xlRequest("C2")
	other["sellerTaxId"] = "91310000631757739E"
	e.refusedXL(e.serverIssue(other), "403", "sellerTaxId", "91310000631757739E", sellerID)

	f := start(t, func(o *Options) {
		o.XunlianAccounts = []XunlianAccount{{CompanyDataResource: "tb", TerminalCode: "921092123", SellerTaxID: "91310000631757739E"}}
	})
	req := xlRequest("C3")
	req["companyDataResource"], req["terminalCode"] = "tb", "921092123"
	f.refusedXL(f.serverIssue(req), "403", "sellerTaxId", "91310000631757739E")
	demo := xlRequest("C4") // the demo account is not among the configured ones
	f.refusedXL(f.serverIssue(demo), "401", "数据来源未授权")
}

func TestXunlianAccountsAreChecked(t *testing.T) {
	for _, accounts := range [][]XunlianAccount{
		{{CompanyDataResource: "has space", TerminalCode: "T"}},
		{{CompanyDataResource: strings.Repeat("a", 37), TerminalCode: "T"}},
		{{CompanyDataResource: "a", TerminalCode: ""}},
		{{CompanyDataResource: "a", TerminalCode: "T", SellerTaxID: "91310000631757739A"}},
		{{CompanyDataResource: "a", TerminalCode: "T"}, {CompanyDataResource: "a", TerminalCode: "U"}},
	} {
		if _, err := (Options{DBPath: "x", XunlianAccounts: accounts}).withDefaults(); err == nil {
			t.Errorf("accounts %+v accepted", accounts)
		}
	}
}

// What serverIssue remembers — the invoice under its application number,
// the company the demo account was bound to — survives a restart.
func TestServerIssueMemorySurvivesReopen(t *testing.T) {
	e := start(t)
	first := e.mustIssueXL(xlRequest("P1"))
	if err := e.srv.Close(); err != nil {
		t.Fatal(err)
	}
	e.open(Options{DBPath: e.dbPath, Now: e.clock.Now})
	if again := e.mustIssueXL(xlRequest("P1")); again != first {
		t.Errorf("after reopen %+v, want %+v", again, first)
	}
	other := xlRequest("P2")
	other["sellerTaxId"] = "91310000631757739E"
	e.refusedXL(e.serverIssue(other), "403", "sellerTaxId")
}

// The same application sent many times at once is issued once: the check
// for an earlier invoice and the issuing are one transaction.
func TestServerIssueConcurrentRepeatsIssueOnce(t *testing.T) {
	e := start(t)
	const n = 8
	type result struct {
		resp *http.Response
		raw  []byte
		err  error
	}
	results := make(chan result, n)
	for range n {
		go func() {
			resp, raw, err := e.postXLRaw(xlRequest("CC1"))
			results <- result{resp, raw, err}
		}()
	}
	var first string
	for range n {
		res := <-results
		if res.err != nil {
			t.Errorf("concurrent repeat: %v", res.err)
			continue
		}
		r := e.xlDecode(res.resp, res.raw) // on the test's goroutine: it may stop the test
		if !r.OK {
			t.Errorf("concurrent repeat refused: %s", r.Raw)
			continue
		}
		if first == "" {
			first = string(r.Body)
		} else if string(r.Body) != first {
			t.Errorf("answers differ:\n%s\n%s", r.Body, first)
		}
	}
	if c := e.invoiceCount(); c != 1 {
		t.Errorf("%d invoices, want 1", c)
	}
}
