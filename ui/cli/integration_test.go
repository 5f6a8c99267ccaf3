package cli_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"fapiao/app"
)

func TestIssueShowListExport(t *testing.T) {
	w := newWorld(t)
	out, errOut, code := w.run("issue", "-f", w.file("sample.json", sampleInvoice))
	if code != 0 {
		t.Fatalf("issue: exit %d: %s", code, errOut)
	}
	number := strings.TrimSpace(out)
	yy := time.Now().In(app.ChinaTime).Format("06")
	if len(number) != 20 || !strings.HasPrefix(number, yy) {
		t.Fatalf("number %q: want 20 digits starting with %s", number, yy)
	}

	out, _, code = w.run("show", number, "--json")
	var shown map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &shown) != nil {
		t.Fatalf("show --json: exit %d, %q", code, out)
	}
	for _, key := range []string{"number", "request_serial", "issued_at", "status", "type", "buyer", "lines", "total_amount", "total_tax", "total"} {
		if _, ok := shown[key]; !ok {
			t.Errorf("show --json lacks %q", key)
		}
	}
	if shown["number"] != number || shown["status"] != "issued" || shown["total"] != "1.00" || shown["total_tax"] != "0.01" {
		t.Errorf("show --json = %v", shown)
	}

	out, _, code = w.run("list", "--json")
	var listed []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &listed) != nil || len(listed) != 1 || listed[0]["number"] != number {
		t.Fatalf("list --json: exit %d, %s", code, out)
	}

	for _, format := range []string{"pdf", "ofd", "xml"} {
		out, errOut, code = w.run("export", number, "--format", format, "--out", w.home)
		if code != 0 {
			t.Fatalf("export %s: exit %d: %s", format, code, errOut)
		}
		data, err := os.ReadFile(strings.TrimSpace(out))
		if err != nil {
			t.Fatal(err)
		}
		checkExport(t, format, data, number)
	}
}

func checkExport(t *testing.T, format string, data []byte, number string) {
	t.Helper()
	switch format {
	case "pdf":
		if !bytes.HasPrefix(data, []byte("%PDF")) {
			t.Errorf("pdf starts %q", data[:min(8, len(data))])
		}
	case "ofd":
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatalf("ofd is not a zip: %v", err)
		}
		found := false
		for _, f := range zr.File {
			found = found || f.Name == "OFD.xml"
		}
		if !found {
			t.Error("ofd has no OFD.xml at its root")
		}
	case "xml":
		dec := xml.NewDecoder(bytes.NewReader(data))
		for {
			_, err := dec.Token()
			if err != nil {
				if err.Error() != "EOF" {
					t.Errorf("xml not well-formed: %v", err)
				}
				break
			}
		}
		if !bytes.Contains(data, []byte(number)) || !bytes.Contains(data, []byte("EInvoice")) {
			t.Error("xml lacks the number or the EInvoice root")
		}
	}
}

func TestBadInputRefusedBeforeAnyRequest(t *testing.T) {
	w := newWorld(t)
	cases := []struct {
		name, from, to, field, rule string
	}{
		{"empty buyer name", `"name": "上海某某科技有限公司"`, `"name": ""`, "buyer.name", "required"},
		{"wrong check digit", `"91510113MA6739XPX2"`, `"91510113MA6739XPX3"`, "buyer.tax_id", "check_digit"},
		{"3-decimal amount", `"amount": "1"`, `"amount": "1.005"`, "lines[0].amount", "decimal_places"},
		{"rate 0.07", `"tax_rate": "0.01"`, `"tax_rate": "0.07"`, "lines[0].tax_rate", "tax_rate"},
		{"quantity × price ≠ amount", `"price": "1"`, `"price": "1.02"`, "lines[0].amount", "quantity_price_amount"},
		{"GBK cannot encode", `*软件*财税管理系统`, `*软件*财税管理系统😀`, "lines[0].name", "gbk"},
		{"item name over its byte limit", `*软件*财税管理系统`, "*软件*" + strings.Repeat("财税", 22), "lines[0].name", "max_bytes"},
		{"negative line amount", `"quantity": "1", "price": "1",
            "amount": "1"`, `"amount": "-1"`, "lines[0].amount", "positive"},
		{"discount larger than its line", `"tax_included": true}`, `"tax_included": true, "discount": "1.50"}`, "lines[0].discount", "discount_exceeds_line"},
	}
	for i, c := range cases {
		if !strings.Contains(sampleInvoice, c.from) {
			t.Fatalf("%s: sample lacks %q", c.name, c.from)
		}
		path := w.file(fmt.Sprintf("bad%d.json", i), strings.Replace(sampleInvoice, c.from, c.to, 1))
		_, errOut, code := w.run("issue", "-f", path)
		if code != 2 {
			t.Errorf("%s: exit %d, want 2 (%s)", c.name, code, errOut)
		}
		if !strings.Contains(errOut, c.field) || !strings.Contains(errOut, "["+c.rule+"]") {
			t.Errorf("%s: message %q should name %s and [%s]", c.name, errOut, c.field, c.rule)
		}
	}
	noLines := w.file("nolines.json", `{"type":"82","buyer":{"name":"甲公司","tax_id":"91510113MA6739XPX2"},"lines":[]}`)
	if _, errOut, code := w.run("issue", "-f", noLines); code != 2 || !strings.Contains(errOut, "lines [required]") {
		t.Errorf("no lines: exit %d, %s", code, errOut)
	}
	if n := w.requests(); n != 0 {
		t.Errorf("%d requests reached the provider; want none: %v", n, w.srv.Stats())
	}
}

func TestCheckJSON(t *testing.T) {
	w := newWorld(t)
	out, _, code := w.run("check", "-f", w.file("sample.json", sampleInvoice), "--json")
	var inv struct {
		Lines []struct {
			AmountExcl string `json:"amount_excl"`
			Tax        string `json:"tax"`
		} `json:"lines"`
		TotalAmount string `json:"total_amount"`
		TotalTax    string `json:"total_tax"`
		Total       string `json:"total"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &inv) != nil {
		t.Fatalf("check --json: exit %d %s", code, out)
	}
	if inv.Lines[0].AmountExcl != "0.99" || inv.Lines[0].Tax != "0.01" || inv.TotalAmount != "0.99" || inv.TotalTax != "0.01" || inv.Total != "1.00" {
		t.Errorf("check --json = %+v", inv)
	}
	bad := w.file("bad.json", strings.Replace(sampleInvoice, `"tax_rate": "0.01"`, `"tax_rate": "0.07"`, 1))
	out, _, code = w.run("check", "-f", bad, "--json")
	var errs struct {
		Errors []app.FieldError `json:"errors"`
	}
	if code != 2 || json.Unmarshal([]byte(out), &errs) != nil || len(errs.Errors) != 1 || errs.Errors[0].Field != "lines[0].tax_rate" || errs.Errors[0].Rule != "tax_rate" {
		t.Errorf("check --json on a bad rate: exit %d %s", code, out)
	}
	if w.requests() != 0 {
		t.Errorf("check sent requests: %v", w.srv.Stats())
	}
}

func TestDroppedAnswerIsResolvedInCall(t *testing.T) {
	w := newWorld(t)
	w.srv.DropNext(1)
	out, errOut, code := w.run("issue", "-f", w.file("sample.json", sampleInvoice))
	if code != 0 {
		t.Fatalf("issue: exit %d: %s", code, errOut)
	}
	assertExactlyOne(t, w, strings.TrimSpace(out))
}

// TestCrashAfterCommitResolvedOnRestart: the sandbox commits the invoice
// and drops the answer; the process dies before it can ask what happened.
// After a restart the app resolves it by its serial: exactly one invoice,
// never two, never none.
func TestCrashAfterCommitResolvedOnRestart(t *testing.T) {
	w := newWorld(t)
	w.srv.DropNext(1)
	crashing := &crashAfterSend{Issuer: w.client()}
	w.svc.Issuing = w.service(crashing)
	_, errOut, code := w.run("issue", "-f", w.file("sample.json", sampleInvoice))
	if code != 1 || !strings.Contains(errOut, "结果未知") {
		t.Fatalf("first run: exit %d, %s; want outcome unknown", code, errOut)
	}
	if crashing.sends != 1 {
		t.Fatalf("sent %d times", crashing.sends)
	}
	w.db.Close() // the process is gone

	w.open() // restart: list reconciles first
	out, errOut, code := w.run("list", "--json")
	if code != 0 {
		t.Fatalf("after restart: exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "已开具成功") {
		t.Errorf("reconciliation not reported: %q", errOut)
	}
	var listed []map[string]any
	if err := json.Unmarshal([]byte(out), &listed); err != nil || len(listed) != 1 {
		t.Fatalf("list: %v %s", err, out)
	}
	assertExactlyOne(t, w, listed[0]["number"].(string))
}

// crashAfterSend sends for real, then behaves as if the process died: every
// lookup fails.
type crashAfterSend struct {
	app.Issuer
	sends int
}

func (c *crashAfterSend) Issue(ctx context.Context, inv app.Invoice) (app.IssueResult, error) {
	c.sends++
	return c.Issuer.Issue(ctx, inv)
}

func (c *crashAfterSend) Lookup(context.Context, string) (app.IssueResult, error) {
	return app.IssueResult{}, &app.ProviderError{Kind: app.KindTransient, Provider: "票单云", Message: "进程已退出"}
}

// assertExactlyOne checks that the local store holds one issued invoice,
// numbered as the sandbox numbered the only invoice it issued.
func assertExactlyOne(t *testing.T, w *world, number string) {
	t.Helper()
	invs, err := w.svc.Issuing.List(context.Background(), app.ListQuery{})
	if err != nil || len(invs) != 1 {
		t.Fatalf("local invoices: %d, %v; want exactly one", len(invs), err)
	}
	if invs[0].Number != number || invs[0].Status != app.StatusIssued {
		t.Errorf("local invoice %s %s, want %s issued", invs[0].Number, invs[0].Status, number)
	}
	if n := w.srv.Stats()["/qdjk/fullExteriorInvoke/blueTicket"]; n != 1 {
		t.Errorf("blueTicket called %d times, want once", n)
	}
	res, err := w.client().Lookup(context.Background(), invs[0].RequestSerial)
	if err != nil || res.Number != number {
		t.Errorf("the sandbox has %q for the serial (%v), want %s", res.Number, err, number)
	}
	if errors.Is(err, app.ErrNotFound) {
		t.Error("the sandbox lost the invoice")
	}
}
