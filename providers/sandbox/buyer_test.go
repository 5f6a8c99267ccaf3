package sandbox

import (
	"errors"
	"net/url"
	"testing"
	"time"
)

// never is BuyerConfirmDelay for "the buyer never answers by itself".
func never(o *Options) { o.BuyerConfirmDelay = new(time.Duration) }

// bigInvoice is one line of 10,000.00 including 1%: the buyer uses it.
func bigInvoice(suffix string) url.Values {
	f := seedInvoice(suffix)
	f.Set("fyxm[0][dj]", "10000")
	f.Set("fyxm[0][je]", "10000")
	f.Set("fyxm[0][se]", "99.01")
	f.Set("hjje", "9900.99")
	f.Set("hjse", "99.01")
	f.Set("jshj", "10000")
	return f
}

// TestUsedInvoiceNeedsBuyerConfirmation: a form against an invoice the
// buyer used waits for the buyer (02); hzfpkj is refused until the buyer
// confirms (04).
func TestUsedInvoiceNeedsBuyerConfirmation(t *testing.T) {
	e := start(t, never)
	blue := e.issue(bigInvoice("big"))
	if d := e.mustCheck(blue.Fphm); d.ZzsytDm != "01" || d.FprzztDm != "00" {
		t.Errorf("a 10,000.00 invoice: ZzsytDm %s FprzztDm %s, want 01 00", d.ZzsytDm, d.FprzztDm)
	}
	form := e.mustApply(blue.Fphm, "01")
	if form.XxbztDm != "02" || form.Xxbzt != "销方录入待购方确认" {
		t.Fatalf("form %+v, want 02", form)
	}
	refused(t, "hzfpkj on 02", e.redIssue("big1", form.Xxbbh, blue.Fphm), "02", "销方录入待购方确认")

	status, body := e.control(redFormPrefix+form.Xxbbh+"/confirm", nil)
	if status != 200 || body["xxbztDm"] != "04" {
		t.Fatalf("confirm: %d %v", status, body)
	}
	if again := e.mustApply(blue.Fphm, "01"); again.Xxbbh != form.Xxbbh || again.XxbztDm != "04" {
		t.Errorf("refreshed form %+v, want %s at 04", again, form.Xxbbh)
	}
	e.mustRedIssue("big1", form.Xxbbh, blue.Fphm)
	if status, _ := e.control(redFormPrefix+form.Xxbbh+"/confirm", nil); status != 409 {
		t.Errorf("confirming an answered form: %d, want 409", status)
	}
}

// TestMarkedInvoiceAndRefusal: marking a small invoice booked makes its
// form wait for the buyer; the buyer refuses (05), the form is void and
// the next application is a new form.
func TestMarkedInvoiceAndRefusal(t *testing.T) {
	e := start(t, never)
	blue := e.issue(seedInvoice("small"))
	if status, body := e.control(buyerPrefix+blue.Fphm+"/book", nil); status != 200 || body["fphm"] != blue.Fphm {
		t.Fatalf("book: %d %v", status, body)
	}
	if d := e.mustCheck(blue.Fphm); d.ZzsytDm != "03" || d.FprzztDm != "01" {
		t.Errorf("booked invoice: ZzsytDm %s FprzztDm %s, want 03 01", d.ZzsytDm, d.FprzztDm)
	}
	form := e.mustApply(blue.Fphm, "01")
	if form.XxbztDm != "02" {
		t.Fatalf("form of a booked invoice: %+v", form)
	}
	if err := e.srv.BuyerAnswer(form.Xxbbh, false); err != nil {
		t.Fatal(err)
	}
	refused(t, "hzfpkj on 05", e.redIssue("small1", form.Xxbbh, blue.Fphm), "05")
	// Asked again without hzxxbcheck: the same form, now void — that is how
	// a refresh learns of the refusal. A new application says hzxxbcheck=1.
	if again := e.mustApply(blue.Fphm, "01"); again.Xxbbh != form.Xxbbh || again.XxbztDm != "05" {
		t.Errorf("asked again after a refusal: %+v, want the same form at 05", again)
	}
	if next := e.mustApply(blue.Fphm, "01", "hzxxbcheck", "1"); next.Xxbbh == form.Xxbbh || next.XxbztDm != "02" {
		t.Errorf("a new application after a refusal: %+v, want a new form at 02", next)
	}
	if err := e.srv.BuyerAnswer(form.Xxbbh, true); !errors.Is(err, ErrFormNotPending) {
		t.Errorf("answering a void form: %v", err)
	}
	if err := e.srv.BuyerAnswer("11026031599999999999", true); !errors.Is(err, ErrUnknownForm) {
		t.Errorf("answering an unknown form: %v", err)
	}

	other := e.issue(seedInvoice("used"))
	if err := e.srv.MarkUsedByBuyer(other.Fphm); err != nil {
		t.Fatal(err)
	}
	if d := e.mustCheck(other.Fphm); d.ZzsytDm != "01" {
		t.Errorf("marked used: ZzsytDm %s", d.ZzsytDm)
	}
	if err := e.srv.MarkBookedByBuyer("26112000000000000099"); !errors.Is(err, ErrUnknownInvoice) {
		t.Errorf("marking an unknown invoice: %v", err)
	}
	if status, _ := e.control(buyerPrefix+"26112000000000000099/use", nil); status != 404 {
		t.Errorf("use of an unknown invoice: %d, want 404", status)
	}
	if status, _ := e.control(buyerPrefix+blue.Fphm+"/steal", nil); status != 404 {
		t.Errorf("unknown buyer action: %d, want 404", status)
	}
}

// TestPendingFormVoidAfter72Hours: nobody answers; 72 h after it was
// applied for the form is void (07) and no red invoice can be issued on it.
func TestPendingFormVoidAfter72Hours(t *testing.T) {
	e := start(t, never)
	blue := e.issue(bigInvoice("late"))
	form := e.mustApply(blue.Fphm, "01")
	e.advanceSandbox(72*time.Hour - time.Second)
	if still := e.mustApply(blue.Fphm, "01"); still.Xxbbh != form.Xxbbh || still.XxbztDm != "02" {
		t.Fatalf("a second before 72 h: %+v", still)
	}
	e.advanceSandbox(time.Second)
	refused(t, "hzfpkj on 07", e.redIssue("late1", form.Xxbbh, blue.Fphm), "07", "超72小时未确认")
	if err := e.srv.BuyerAnswer(form.Xxbbh, true); !errors.Is(err, ErrFormNotPending) {
		t.Errorf("confirming after 72 h: %v", err)
	}
	if again := e.mustApply(blue.Fphm, "01"); again.Xxbbh != form.Xxbbh || again.XxbztDm != "07" {
		t.Errorf("asked again after 72 h: %+v, want the same form at 07", again)
	}
	if next := e.mustApply(blue.Fphm, "01", "hzxxbcheck", "1"); next.Xxbbh == form.Xxbbh {
		t.Errorf("a new application reused the void form %s", form.Xxbbh)
	}
}

// TestBuyerConfirmsAfterDelay: with the default delay (2 min) the buyer
// confirms by itself.
func TestBuyerConfirmsAfterDelay(t *testing.T) {
	e := start(t)
	blue := e.issue(bigInvoice("auto"))
	form := e.mustApply(blue.Fphm, "01")
	e.srv.AdvanceClock(DefaultBuyerConfirmDelay - time.Second)
	if f := e.mustApply(blue.Fphm, "01"); f.XxbztDm != "02" {
		t.Errorf("before the delay: %s", f.XxbztDm)
	}
	e.srv.AdvanceClock(time.Second)
	if f := e.mustApply(blue.Fphm, "01"); f.Xxbbh != form.Xxbbh || f.XxbztDm != "04" {
		t.Errorf("after the delay: %+v", f)
	}
	e.mustRedIssue("auto1", form.Xxbbh, blue.Fphm)
}

// TestBuyerConfirmsLazilyAtIssue: the auto-confirmation is worked out when
// hzfpkj reads the form, too, even long after (a confirmed form does not
// expire).
func TestBuyerConfirmsLazilyAtIssue(t *testing.T) {
	e := start(t, func(o *Options) { o.BuyerConfirmDelay = new(time.Hour) })
	blue := e.issue(bigInvoice("lazy"))
	form := e.mustApply(blue.Fphm, "01")
	e.advanceSandbox(100 * time.Hour)
	e.mustRedIssue("lazy1", form.Xxbbh, blue.Fphm)
}

func TestSettledStates(t *testing.T) {
	applied := testNow
	pending := redForm{State: "02", AppliedAt: applied, SimulatedBuyer: true}
	for _, tc := range []struct {
		name  string
		form  redForm
		after time.Duration
		delay time.Duration
		want  string
	}{
		{"waiting", pending, time.Minute, 2 * time.Minute, "02"},
		{"confirmed", pending, 2 * time.Minute, 2 * time.Minute, "04"},
		{"confirmed before it could expire", pending, 100 * time.Hour, 2 * time.Minute, "04"},
		{"never confirms", pending, 71 * time.Hour, 0, "02"},
		{"expires", pending, 72 * time.Hour, 0, "07"},
		{"delay past the window", pending, 80 * time.Hour, 73 * time.Hour, "07"},
		{"not our buyer", redForm{State: "02", AppliedAt: applied}, time.Hour, time.Minute, "02"},
		{"answered stays", redForm{State: "05", AppliedAt: applied, SimulatedBuyer: true}, 80 * time.Hour, time.Minute, "05"},
	} {
		if got, _ := tc.form.settled(applied.Add(tc.after), tc.delay); string(got) != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}
