package sandbox_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"fapiao/app"
	"fapiao/providers/sandbox"
	"fapiao/providers/taxsync"
)

// These tests sync the sandbox through the real client (providers/taxsync),
// so the two sides are held to one wire: seed 002's.

// The company syncing (a Sichuan buyer) and its group (a Beijing company);
// both pass the check digit.
const (
	clientCompany = "91510113MA6739XPX2"
	clientGroup   = "9111011457319202X9"
)

// clientNow is 2026-03-15 10:00 in China: the sandbox's clock in these tests.
var clientNow = time.Date(2026, 3, 15, 10, 0, 0, 0, app.ChinaTime)

// clientShares are the brief's shares of the statuses, in percent, in the
// order the sandbox lays them out.
var clientShares = []struct {
	status  app.InboundStatus
	percent int
}{
	{app.InboundUnchecked, 40}, {app.InboundChecked, 20}, {app.InboundExportDomestic, 2},
	{app.InboundNotDeductible, 5}, {app.InboundNotDue, 5}, {app.InboundExportRebate, 3},
	{app.InboundPastPeriods, 25},
}

// clientShare is how many of count invoices status holds.
func clientShare(count int, status app.InboundStatus) int {
	cum := 0
	for _, sh := range clientShares {
		if sh.status == status {
			return count*(cum+sh.percent)/100 - count*cum/100
		}
		cum += sh.percent
	}
	return -1
}

// sandboxFor serves a sandbox on 127.0.0.1 (httptest) at clientNow.
func sandboxFor(t *testing.T, edit ...func(*sandbox.Options)) (*sandbox.Server, string) {
	t.Helper()
	opts := sandbox.Options{DBPath: filepath.Join(t.TempDir(), "sandbox.db"),
		Now: func() time.Time { return clientNow }}
	for _, f := range edit {
		f(&opts)
	}
	srv, err := sandbox.New(opts)
	if err != nil {
		t.Fatalf("sandbox.New: %v", err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ts.Close()
		if err := srv.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return srv, ts.URL
}

// clientFor is the real client for the company, zipped or not.
func clientFor(t *testing.T, baseURL string, zip bool, edit ...func(*taxsync.Config)) *taxsync.Client {
	t.Helper()
	cfg := taxsync.Config{BaseURL: baseURL, AppID: sandbox.DemoInboundAppID, Secret: sandbox.DemoInboundSecret,
		Jtnsrsbh: clientGroup, Nsrsbh: clientCompany, Zip: &zip, Timeout: 10 * time.Second}
	for _, f := range edit {
		f(&cfg)
	}
	c, err := taxsync.New(cfg)
	if err != nil {
		t.Fatalf("taxsync.New: %v", err)
	}
	return c
}

// syncAll pages through q with the client the way the app's sync does:
// until a short page, or the count is reached. It checks that every page
// says which it is and that the count holds still.
func syncAll(t *testing.T, c *taxsync.Client, q app.InboundFetch) ([]app.InboundInvoice, int) {
	t.Helper()
	var out []app.InboundInvoice
	count := -1
	for page := 1; ; page++ {
		q.Page = page
		p, err := c.FetchInbound(context.Background(), q)
		if err != nil {
			t.Fatalf("status %s page %d: %v", q.Status, page, err)
		}
		if p.Page != page || p.PageSize != q.PageSize {
			t.Fatalf("status %s page %d of %d answered as page %d of %d", q.Status, page, q.PageSize, p.Page, p.PageSize)
		}
		if q.Status != app.InboundPastPeriods && count >= 0 && p.Count != count {
			t.Fatalf("status %s: count changed from %d to %d", q.Status, count, p.Count)
		}
		count = p.Count
		out = append(out, p.Invoices...)
		if len(p.Invoices) < q.PageSize || page*q.PageSize >= p.Count {
			return out, count
		}
		if page > 10_000 {
			t.Fatal("paging does not end")
		}
	}
}

func TestClientSyncsEveryStatus(t *testing.T) {
	t.Parallel()
	_, base := sandboxFor(t)
	zipped, plain := clientFor(t, base, true), clientFor(t, base, false)
	seen := map[string]app.InboundStatus{}
	total := 0
	for _, sh := range clientShares {
		q := app.InboundFetch{Status: sh.status, PageSize: 300}
		got, count := syncAll(t, zipped, q)
		want := clientShare(sandbox.DefaultInboundCount, sh.status)
		if len(got) != want || count != want {
			t.Errorf("status %s: synced %d, count %d, want %d (%d%%)", sh.status, len(got), count, want, sh.percent)
		}
		// The same pages, not zipped, map to the very same invoices.
		again, _ := syncAll(t, plain, q)
		if !reflect.DeepEqual(got, again) {
			t.Errorf("status %s: the zipped and the plain sync differ", sh.status)
		}
		for _, inv := range got {
			if other, dup := seen[inv.Key]; dup {
				t.Fatalf("%s synced under %s and %s", inv.Key, other, sh.status)
			}
			seen[inv.Key] = sh.status
			checkSynced(t, inv, sh.status)
		}
		total += len(got)
	}
	if total != sandbox.DefaultInboundCount {
		t.Errorf("synced %d in all, want %d", total, sandbox.DefaultInboundCount)
	}
}

// checkSynced checks what the client made of one invoice: what every
// invoice has, and what its status implies.
func checkSynced(t *testing.T, inv app.InboundInvoice, status app.InboundStatus) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Errorf("%s (status %s): "+format, append([]any{inv.Key, status}, args...)...)
	}
	if inv.Status != status || inv.Number == "" || inv.Type == "" || inv.BuyerTaxID != clientCompany || inv.BuyerName == "" {
		fail("status %s number %q type %q buyer %q %q", inv.Status, inv.Number, inv.Type, inv.BuyerName, inv.BuyerTaxID)
	}
	if inv.Key != app.InboundKey(inv.Code, inv.Number, inv.Type) {
		fail("key does not match code, number and type")
	}
	voucher := inv.Type == "17" || inv.Type == "18"
	if inv.Amount.Valid == voucher {
		fail("amount valid %v for type %s", inv.Amount.Valid, inv.Type)
	}
	if (inv.Kind == "HGJKS") != (inv.Type == "17") || inv.Kind != "HGJKS" && inv.Kind != "FP" {
		fail("kind %q for type %s", inv.Kind, inv.Type)
	}
	if inv.SellerTaxID != "" && app.ValidateTaxID(inv.SellerTaxID) != nil {
		fail("seller tax ID %s is not valid", inv.SellerTaxID)
	}
	if inv.Type != "17" && inv.SellerName == "" {
		fail("no seller name")
	}
	if inv.ValidTax.IsNegative() || inv.ValidTax.GreaterThan(inv.Tax) || inv.Tax.Exponent() < -2 ||
		(inv.Amount.Valid && inv.Amount.Decimal.Exponent() < -2) {
		fail("tax %s valid tax %s amount %v", inv.Tax, inv.ValidTax, inv.Amount)
	}
	earliest := clientNow.AddDate(0, -13, 0)
	if inv.BillingDate.Before(earliest) || inv.BillingDate.After(clientNow) {
		fail("billed %s, not within the last 13 months", inv.BillingDate)
	}
	checkSyncedCheck(t, inv, status)
}

// checkSyncedCheck checks the check and certification fields against the
// status: 11/15/17/40 checked with a date and a period, 10/12/16 not.
func checkSyncedCheck(t *testing.T, inv app.InboundInvoice, status app.InboundStatus) {
	t.Helper()
	checked := status == app.InboundChecked || status == app.InboundNotDeductible ||
		status == app.InboundExportRebate || status == app.InboundPastPeriods
	if !checked {
		if inv.CheckStatus != "0" || !inv.CheckDate.IsZero() || inv.Deductible != "0" || inv.DeductiblePeriod != "" {
			t.Errorf("%s (status %s) is not unchecked: %q %v %q %q", inv.Key, status, inv.CheckStatus,
				inv.CheckDate, inv.Deductible, inv.DeductiblePeriod)
		}
		return
	}
	if inv.CheckStatus != "1" || inv.CheckDate.IsZero() || inv.CheckDate.After(clientNow) ||
		inv.CheckDate.Before(truncDay(inv.BillingDate)) || inv.DeductiblePeriod != inv.CheckDate.Format("200601") {
		t.Errorf("%s (status %s): check %q on %v period %q, billed %v", inv.Key, status, inv.CheckStatus,
			inv.CheckDate, inv.DeductiblePeriod, inv.BillingDate)
	}
	current := clientNow.Format("200601")
	switch status {
	case app.InboundChecked, app.InboundNotDeductible:
		if inv.DeductiblePeriod != current || inv.Deductible != "0" {
			t.Errorf("%s (status %s): period %s deductible %q, want this period, not yet certified", inv.Key,
				status, inv.DeductiblePeriod, inv.Deductible)
		}
		if (status == app.InboundNotDeductible) != (inv.DeductibleMode == "4") {
			t.Errorf("%s (status %s): deductibleMode %q", inv.Key, status, inv.DeductibleMode)
		}
	case app.InboundExportRebate:
		if inv.Deductible != "1" || inv.DeductibleMode != "2" {
			t.Errorf("%s: an export rebate certified %q mode %q", inv.Key, inv.Deductible, inv.DeductibleMode)
		}
	case app.InboundPastPeriods:
		checkSyncedPast(t, inv, current)
	}
}

// checkSyncedPast checks a past period's invoice (rzzt 40, adapter format).
func checkSyncedPast(t *testing.T, inv app.InboundInvoice, current string) {
	t.Helper()
	if inv.Deductible != "1" || inv.Period != inv.DeductiblePeriod || inv.Period >= current {
		t.Errorf("%s: past period %q (deductible period %q, certified %q)", inv.Key, inv.Period,
			inv.DeductiblePeriod, inv.Deductible)
	}
	if inv.SourceID == "" || inv.Source != "1" || !inv.CheckTime.Equal(inv.CheckDate) {
		t.Errorf("%s: adapter fields id %q source %q checkTime %v", inv.Key, inv.SourceID, inv.Source, inv.CheckTime)
	}
	customs := inv.Kind == "HGJKS"
	if customs != (inv.Withheld == "0") || customs == inv.ModifiedAt.IsZero() {
		t.Errorf("%s (%s): tq_bj %q xg_sj %v", inv.Key, inv.Kind, inv.Withheld, inv.ModifiedAt)
	}
	if customs && (inv.ModifiedAt.Before(inv.CheckTime) || inv.ModifiedAt.After(clientNow)) {
		t.Errorf("%s: modified %v, checked %v", inv.Key, inv.ModifiedAt, inv.CheckTime)
	}
}

func truncDay(t time.Time) time.Time {
	y, m, d := t.In(app.ChinaTime).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, app.ChinaTime)
}

// The sandbox's invoices are a realistic mix: the client sees every type,
// state and risk the brief names.
func TestClientSeesTheMix(t *testing.T) {
	t.Parallel()
	_, base := sandboxFor(t)
	c := clientFor(t, base, true)
	types, states, risks := map[string]int{}, map[string]int{}, map[string]int{}
	var invoices []app.InboundInvoice
	for _, sh := range clientShares {
		got, _ := syncAll(t, c, app.InboundFetch{Status: sh.status, PageSize: 1000})
		invoices = append(invoices, got...)
	}
	for _, inv := range invoices {
		types[inv.Type]++
		states[inv.State]++
		risks[inv.ManagementStatus]++
	}
	for _, typ := range []string{"81", "82", "09", "90", "01", "10", "08", "51", "61", "17", "18"} {
		if types[typ] == 0 {
			t.Errorf("no invoice of type %s among %d: %v", typ, len(invoices), types)
		}
	}
	for _, st := range []string{"0", "1", "2", "3", "4", "7", "8", "80"} {
		if states[st] == 0 {
			t.Errorf("no invoice in state %s: %v", st, states)
		}
	}
	if states["0"] < len(invoices)*8/10 {
		t.Errorf("only %d of %d invoices are in state 0", states["0"], len(invoices))
	}
	for _, r := range []string{"0", "1", "2", "3"} {
		if risks[r] == 0 {
			t.Errorf("no invoice of management status %s: %v", r, risks)
		}
	}
	if risks["0"] < len(invoices)*8/10 {
		t.Errorf("only %d of %d invoices are of management status 0", risks["0"], len(invoices))
	}
}

func TestClientFilters(t *testing.T) {
	t.Parallel()
	_, base := sandboxFor(t)
	c := clientFor(t, base, true)
	all, _ := syncAll(t, c, app.InboundFetch{Status: app.InboundPastPeriods, PageSize: 500})
	byPeriod := map[string]int{}
	for _, inv := range all {
		byPeriod[inv.Period]++
	}
	if len(byPeriod) < 12 {
		t.Errorf("past periods span %d periods, want a year's", len(byPeriod))
	}
	period := clientNow.AddDate(0, -2, 0).Format("200601")
	got, _ := syncAll(t, c, app.InboundFetch{Status: app.InboundPastPeriods, Period: period, PageSize: 100})
	if len(got) != byPeriod[period] || len(got) == 0 {
		t.Errorf("period %s synced %d, the full sync holds %d of it", period, len(got), byPeriod[period])
	}
	for _, inv := range got {
		if inv.Period != period {
			t.Fatalf("period %s synced %s of period %s", period, inv.Key, inv.Period)
		}
	}

	// rq_q/rq_z: the billing date for 10, the check date for 11.
	from, to := clientNow.AddDate(0, -3, 0), clientNow.AddDate(0, -1, 0)
	for _, status := range []app.InboundStatus{app.InboundUnchecked, app.InboundChecked} {
		full, _ := syncAll(t, c, app.InboundFetch{Status: status, PageSize: 1000})
		if status == app.InboundChecked {
			from, to = clientNow.AddDate(0, 0, -5), clientNow.AddDate(0, 0, -2)
		}
		want := 0
		day := func(inv app.InboundInvoice) string {
			if status == app.InboundChecked {
				return inv.CheckDate.Format(time.DateOnly)
			}
			return inv.BillingDate.Format(time.DateOnly)
		}
		for _, inv := range full {
			if d := day(inv); d >= from.Format(time.DateOnly) && d <= to.Format(time.DateOnly) {
				want++
			}
		}
		got, count := syncAll(t, c, app.InboundFetch{Status: status, From: from, To: to, PageSize: 50})
		if len(got) != want || count != want || want == 0 {
			t.Errorf("status %s from %s to %s: synced %d (count %d), want %d", status, from.Format(time.DateOnly),
				to.Format(time.DateOnly), len(got), count, want)
		}
		for _, inv := range got {
			if d := day(inv); d < from.Format(time.DateOnly) || d > to.Format(time.DateOnly) {
				t.Fatalf("status %s: %s dated %s is outside the range", status, inv.Key, d)
			}
		}
	}
}

func TestClientResyncSeesCheckedInvoices(t *testing.T) {
	t.Parallel()
	srv, base := sandboxFor(t)
	c := clientFor(t, base, true)
	q10 := app.InboundFetch{Status: app.InboundUnchecked, PageSize: 500}
	q11 := app.InboundFetch{Status: app.InboundChecked, PageSize: 500}
	before10, _ := syncAll(t, c, q10)
	before11, _ := syncAll(t, c, q11)

	const n = 25
	if checked, err := srv.CheckInbound(clientCompany, n); err != nil || checked != n {
		t.Fatalf("CheckInbound: %d, %v", checked, err)
	}
	after10, _ := syncAll(t, c, q10)
	after11, _ := syncAll(t, c, q11)
	if len(after10) != len(before10)-n || len(after11) != len(before11)+n {
		t.Fatalf("after checking %d: %d unchecked (was %d), %d checked (was %d)", n, len(after10), len(before10),
			len(after11), len(before11))
	}
	nowChecked := map[string]app.InboundInvoice{}
	for _, inv := range after11 {
		nowChecked[inv.Key] = inv
	}
	for _, inv := range before10[:n] {
		moved, ok := nowChecked[inv.Key]
		switch {
		case !ok:
			t.Fatalf("%s was checked but is not listed as checked", inv.Key)
		case moved.CheckStatus != "1" || !moved.CheckDate.Equal(truncDay(clientNow)) || moved.DeductiblePeriod != "202603":
			t.Errorf("%s checked as %q on %v for %q, want 1 today 202603", inv.Key, moved.CheckStatus,
				moved.CheckDate, moved.DeductiblePeriod)
		case !moved.Tax.Equal(inv.Tax) || moved.SellerTaxID != inv.SellerTaxID || !moved.BillingDate.Equal(inv.BillingDate):
			t.Errorf("%s changed more than its check: %+v became %+v", inv.Key, inv, moved)
		}
	}
	if !reflect.DeepEqual(after10, before10[n:]) {
		t.Error("the unchecked invoices left are not the ones that were after the checked ones")
	}
}

func TestClientSurvivesInjectedFaults(t *testing.T) {
	t.Parallel()
	srv, base := sandboxFor(t)
	q := app.InboundFetch{Status: app.InboundNotDue, PageSize: 100}

	// Without retries an injected 503 interrupts the sync, as a transient
	// failure; the next call goes through.
	once := clientFor(t, base, true, func(cfg *taxsync.Config) { cfg.Retries = -1 })
	srv.FailNext(1)
	_, err := once.FetchInbound(context.Background(), q)
	var pe *app.ProviderError
	if !errors.As(err, &pe) || pe.Kind != app.KindTransient {
		t.Fatalf("an injected 503 gave %v, want a transient provider error", err)
	}
	if _, err := once.FetchInbound(context.Background(), q); err != nil {
		t.Fatalf("after the fault: %v", err)
	}
	// With retries, one 503 costs a retry and no error.
	before := srv.Stats()["S000621"]
	srv.FailNext(1)
	p, err := clientFor(t, base, true).FetchInbound(context.Background(), q)
	if err != nil || len(p.Invoices) != 100 {
		t.Fatalf("a retried page: %d invoices, %v", len(p.Invoices), err)
	}
	if calls := srv.Stats()["S000621"] - before; calls != 2 {
		t.Errorf("a page with one fault took %d calls, want 2", calls)
	}
}

func TestClientWrongSecretIsACredentialsError(t *testing.T) {
	t.Parallel()
	_, base := sandboxFor(t)
	c := clientFor(t, base, true, func(cfg *taxsync.Config) { cfg.Secret = "not-the-sandbox-secret" })
	_, err := c.FetchInbound(context.Background(), app.InboundFetch{Status: app.InboundUnchecked})
	var pe *app.ProviderError
	if !errors.As(err, &pe) || pe.Kind != app.KindCredentials || pe.Code != "1001" {
		t.Fatalf("a wrong secret gave %v, want a credentials error with code 1001", err)
	}
}

// A page near the end of a million invoices costs what the first page
// costs: it is made up alone, not found by a scan (which would make a
// quarter of a million invoices, some 250 pages' worth). Not parallel, and
// each time the best of three, so other tests' load does not blur it.
func TestClientPageNearTheEndOfAMillion(t *testing.T) {
	const count = sandbox.MaxInboundCount
	_, base := sandboxFor(t, func(o *sandbox.Options) { o.InboundCount = count })
	c := clientFor(t, base, true)
	share := clientShare(count, app.InboundPastPeriods)
	last := (share + 999) / 1000
	fetch := func(page int) (app.InboundPage, time.Duration) {
		t.Helper()
		var p app.InboundPage
		best := time.Duration(1 << 62)
		for range 3 {
			began := time.Now()
			var err error
			p, err = c.FetchInbound(context.Background(), app.InboundFetch{Status: app.InboundPastPeriods, Page: page, PageSize: 1000})
			if err != nil {
				t.Fatalf("page %d: %v", page, err)
			}
			best = min(best, time.Since(began))
		}
		return p, best
	}
	_, first := fetch(1)
	p, took := fetch(last)
	// The adapter format has no count: a full page makes the client ask
	// for the next (Count one past it), which is empty and ends the sync.
	if len(p.Invoices) != 1000 || p.Count != last*1000+1 || last*1000 != share {
		t.Errorf("last page of %d: %d invoices, count %d; want 1000 and %d", share, len(p.Invoices), p.Count, last*1000+1)
	}
	if took > 10*first+50*time.Millisecond {
		t.Errorf("the last page of a million took %v, the first %v", took, first)
	}
	t.Logf("rzzt 40 (adapter, zipped), pages of 1000 of a million: page 1 in %v, page %d in %v", first, last, took)
	next, err := c.FetchInbound(context.Background(), app.InboundFetch{Status: app.InboundPastPeriods, Page: last + 1, PageSize: 1000})
	if err != nil || len(next.Invoices) != 0 || next.Count != share {
		t.Errorf("the page past the end: %d invoices, count %d, %v; want none and %d", len(next.Invoices), next.Count, err, share)
	}
}
