package cli_test

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"fapiao/app"
	"fapiao/providers/sandbox"
)

const (
	pathRetInviceMsg = "/qdjk/fullExteriorInvoke/retInviceMsg"
	pathHzxxbsq      = "/qdjk/fullExteriorInvoke/hzxxbsq"
	pathHzfpkj       = "/qdjk/fullExteriorInvoke/hzfpkj"
)

// threeLineInvoice has goods, a service and goods again.
const threeLineInvoice = `{"type":"82","buyer":{"name":"上海某某科技有限公司","tax_id":"91510113MA6739XPX2"},
 "lines":[{"name":"*软件*财税管理系统","tax_code":"1060301020100000000","quantity":"10","price":"100","amount":"1000","tax_rate":"0.13"},
  {"name":"*信息技术服务*实施服务","tax_code":"3040201000000000000","amount":"500","tax_rate":"0.06"},
  {"name":"*计算机配套产品*键盘","tax_code":"1090511030000000000","quantity":"2","price":"99","amount":"198","tax_rate":"0.13"}]}`

const servicesInvoice = `{"type":"82","buyer":{"name":"上海某某科技有限公司","tax_id":"91510113MA6739XPX2"},
 "lines":[{"name":"*信息技术服务*实施服务","tax_code":"3040201000000000000","amount":"500","tax_rate":"0.06"}]}`

func (w *world) issueFile(name, content string) string {
	w.t.Helper()
	out, errOut, code := w.run("issue", "-f", w.file(name, content))
	if code != 0 {
		w.t.Fatalf("issue %s: exit %d %s", name, code, errOut)
	}
	return strings.TrimSpace(out)
}

func (w *world) redCase(args ...string) redCaseJSON {
	w.t.Helper()
	out, errOut, code := w.run(append(append([]string{"red"}, args...), "--json")...)
	var c redCaseJSON
	if code != 0 || json.Unmarshal([]byte(out), &c) != nil {
		w.t.Fatalf("red %v: exit %d %q %s", args, code, out, errOut)
	}
	return c
}

type redCaseJSON struct {
	ID         int64  `json:"id"`
	Step       string `json:"step"`
	FormNumber string `json:"form_number"`
	FormState  string `json:"form_state"`
	RedNumber  string `json:"red_number"`
	Total      string `json:"total"`
	TotalTax   string `json:"total_tax"`
	Serial     string `json:"request_serial"`
}

func TestFullRedOfTheSampleInvoice(t *testing.T) {
	w := newWorld(t)
	blue := w.issueFile("sample.json", sampleInvoice)
	c := w.redCase(blue, "--reason", "01")
	if c.Step != "issued" || c.Total != "-1.00" || c.TotalTax != "-0.01" || len(c.RedNumber) != 20 || c.FormState != "01" {
		t.Fatalf("red case %+v", c)
	}
	out, _, _ := w.run("show", c.RedNumber, "--json")
	var red map[string]any
	json.Unmarshal([]byte(out), &red)
	if red["total_amount"] != "-0.99" || red["total_tax"] != "-0.01" || red["total"] != "-1.00" || red["request_serial"] != c.Serial {
		t.Errorf("red invoice %v", red)
	}
	// Nothing is left: refused, and no second form is asked for.
	forms := w.srv.Stats()[pathHzxxbsq]
	if _, errOut, code := w.run("red", blue, "--reason", "01"); code == 0 || !strings.Contains(errOut, "红冲") {
		t.Errorf("a second red: exit %d %s", code, errOut)
	}
	if w.srv.Stats()[pathHzxxbsq] != forms {
		t.Error("a second form was asked for")
	}
}

func TestPartialRedThenBeyondTheRemainder(t *testing.T) {
	w := newWorld(t)
	blue := w.issueFile("three.json", threeLineInvoice)
	c := w.redCase(blue, "--reason", "02", "--lines", w.file("picks.json", `[{"index":1,"quantity":"3"}]`))
	if c.Step != "issued" || c.Total != "-339.00" {
		t.Fatalf("partial red %+v", c)
	}
	chk, err := w.svc.Red.Check(context.Background(), blue)
	if err != nil {
		t.Fatal(err)
	}
	if got := chk.RemainingTotal().String(); got != "-1544.74" { // 1,883.74 − 339.00
		t.Errorf("still reversible %s", got)
	}
	before := w.srv.Stats()[pathHzxxbsq]
	_, errOut, code := w.run("red", blue, "--reason", "02", "--lines", w.file("too-many.json", `[{"index":1,"quantity":"8"}]`))
	if code != 2 || !strings.Contains(errOut, "picks[0].quantity [exceeds_remaining]") {
		t.Errorf("beyond the remainder: exit %d %s", code, errOut)
	}
	if w.srv.Stats()[pathHzxxbsq] != before {
		t.Error("a refused red reached the bureau")
	}
}

func TestReasonsRefusedBeforeAnyForm(t *testing.T) {
	w := newWorld(t)
	services := w.issueFile("services.json", servicesInvoice)
	goods := w.issueFile("goods.json", sampleInvoice)
	for _, tc := range []struct{ blue, reason string }{{services, "02"}, {goods, "03"}} {
		_, errOut, code := w.run("red", tc.blue, "--reason", tc.reason)
		if code != 2 || !strings.Contains(errOut, "reason [reason_not_allowed]") {
			t.Errorf("%s on %s: exit %d %s", tc.reason, tc.blue, code, errOut)
		}
	}
	if n := w.srv.Stats()[pathHzxxbsq]; n != 0 {
		t.Errorf("%d forms asked for", n)
	}
}

// TestPendingFormConfirmedThenVoided: an invoice the buyer used needs the
// buyer's confirmation; one confirmed is issued on resume, one left 72 h
// is void.
func TestPendingFormConfirmedThenVoided(t *testing.T) {
	long := 100 * time.Hour // the sessions outlive the 72 h advanced below
	never := time.Duration(0)
	w := newWorldWith(t, sandbox.Options{TokenTTL: long, LoginValidity: long, FaceValidity: long, BuyerConfirmDelay: &never})
	blue := w.issueFile("sample.json", sampleInvoice)
	if err := w.srv.MarkUsedByBuyer(blue); err != nil {
		t.Fatal(err)
	}
	c := w.redCase(blue, "--reason", "01")
	if c.Step != "awaiting" || c.FormState != "02" {
		t.Fatalf("used invoice: %+v", c)
	}
	if err := w.srv.BuyerAnswer(c.FormNumber, true); err != nil {
		t.Fatal(err)
	}
	_, errOut, _ := w.run("red", "list")
	if !strings.Contains(errOut, "可开具红字发票") {
		t.Errorf("red list should report the confirmation: %s", errOut)
	}
	resumed := w.redCase("resume", strconv.FormatInt(c.ID, 10))
	if resumed.Step != "issued" || resumed.FormState != "04" {
		t.Fatalf("resume after confirmation: %+v", resumed)
	}

	second := w.issueFile("second.json", sampleInvoice)
	w.srv.MarkUsedByBuyer(second)
	pending := w.redCase(second, "--reason", "01")
	w.srv.AdvanceClock(72*time.Hour + time.Minute)
	out, _, code := w.run("red", "list", "--json")
	var cases []redCaseJSON
	if code != 0 || json.Unmarshal([]byte(out), &cases) != nil {
		t.Fatalf("red list: %d %s", code, out)
	}
	for _, got := range cases {
		if got.ID == pending.ID && (got.Step != "void" || got.FormState != "07") {
			t.Errorf("after 72 h: %+v", got)
		}
	}
}

// TestCrashAfterFormGrantedResumesWithoutSecondForm: the bureau granted
// the form but the app died before storing it; resuming asks again and
// gets the same form, then issues once.
func TestCrashAfterFormGrantedResumesWithoutSecondForm(t *testing.T) {
	w := newWorld(t)
	blue := w.issueFile("sample.json", sampleInvoice)
	ctx := context.Background()
	chk, err := w.svc.Red.Check(ctx, blue)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := app.PlanRed(app.RedRequest{Reason: app.RedReasonMistake}, chk.Remaining)
	if err != nil {
		t.Fatal(err)
	}
	c := app.RedCase{BlueNumber: blue, Reason: app.RedReasonMistake, Lines: lines, Seller: app.DefaultConfig().SellerParty(),
		Buyer: chk.Buyer, Type: app.TypeOrdinary, Step: app.RedStepApplying}
	c.Total = app.SumLines([]app.Line{lines[0].Line}).Total
	if err := w.db.SaveRedCase(ctx, &c, "开始红冲"); err != nil {
		t.Fatal(err)
	}
	granted, err := w.client().RedForm(ctx, app.RedFormRequest{BlueNumber: blue, Reason: app.RedReasonMistake})
	if err != nil {
		t.Fatal(err)
	}
	w.db.Close() // the crash
	w.open()
	resumed := w.redCase("resume", strconv.FormatInt(c.ID, 10))
	if resumed.Step != "issued" || resumed.FormNumber != granted.Number {
		t.Fatalf("resumed %+v, want issued on form %s", resumed, granted.Number)
	}
	if n := w.srv.Stats()[pathHzfpkj]; n != 1 {
		t.Errorf("hzfpkj called %d times", n)
	}
}

func TestCreditRestoredByRed(t *testing.T) {
	w := newWorld(t)
	out, _, code := w.run("credit", "--json")
	var before map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &before) != nil || before["total"] != "3000000.00" {
		t.Fatalf("credit: %d %s", code, out)
	}
	blue := w.issueFile("sample.json", sampleInvoice)
	st := w.svc.Credit.Status(context.Background())
	if st.Remaining.String() != "2999999.01" || !st.Adjusted {
		t.Errorf("after a 0.99 invoice: %s adjusted=%v", st.Remaining, st.Adjusted)
	}
	w.redCase(blue, "--reason", "01")
	if st := w.svc.Credit.Status(context.Background()); st.Remaining.String() != "3000000" {
		t.Errorf("after the red invoice: %s", st.Remaining)
	}
}
