package xunlian

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// Each call is logged once with its serial, HTTP status and duration, and
// without the buyer's details.
func TestEachCallIsLoggedOnce(t *testing.T) {
	fs := newFakeServer(t)
	log, buf := captureLog()
	cfg := testConfig(fs.URL)
	cfg.Log = log
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	inv := invoiceForLimits(t)
	if _, err := c.Issue(context.Background(), inv); err != nil {
		t.Fatal(err)
	}
	fs.answer(http.StatusOK, `{"ok":false,"status":{"message":"税率不正确"}}`)
	if _, err := c.Issue(context.Background(), inv); err == nil {
		t.Fatal("refusal not reported")
	}

	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d records, want 2:\n%s", len(lines), buf.String())
	}
	for i, want := range []struct{ level, kind string }{{"INFO", ""}, {"WARN", "business"}} {
		var rec map[string]any
		if err := json.Unmarshal([]byte(lines[i]), &rec); err != nil {
			t.Fatal(err)
		}
		if rec["level"] != want.level || rec["serial"] != testSerial || rec["status"] != float64(200) || rec["duration"] == nil {
			t.Errorf("record %d: %v", i, rec)
		}
		if want.kind != "" && rec["kind"] != want.kind {
			t.Errorf("record %d kind %v", i, rec["kind"])
		}
	}
	if !strings.Contains(lines[0], testNumber) {
		t.Errorf("success record lacks the number: %s", lines[0])
	}
	for _, private := range []string{inv.Buyer.Name, inv.Buyer.TaxID, inv.Buyer.Phone} {
		if strings.Contains(buf.String(), private) {
			t.Errorf("log holds the buyer's %q", private)
		}
	}
}

// An issued amount that matches neither total sent is logged, and the
// invoice is recorded all the same.
func TestAnAmountOtherThanSentIsLogged(t *testing.T) {
	fs := newFakeServer(t)
	log, buf := captureLog()
	cfg := testConfig(fs.URL)
	cfg.Log = log
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	inv := invoiceForLimits(t) // 10.00 at 13% inclusive: 8.85 + 1.15
	for _, amount := range []string{"8.85", `"8.850"`, "10", "7.00"} {
		fs.answer(http.StatusOK, okAnswer(testSerial, amount))
		res, err := c.Issue(context.Background(), inv)
		if err != nil || res.Number != testNumber {
			t.Fatalf("amount %s: %+v %v", amount, res, err)
		}
	}
	if n := strings.Count(buf.String(), "amount other than"); n != 1 || !strings.Contains(buf.String(), `"amount":"7.00"`) {
		t.Errorf("%d warnings, want one for 7.00:\n%s", n, buf.String())
	}
}
