package xunlian

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"testing"
	"time"

	"fapiao/app"
)

// seedInvoice is the domain invoice equivalent to the seed's request
// example: one tax-inclusive line of 5165.00 at 13%, computed by the tax
// engine (tax 594.20, amount 4570.80). The seed writes the buyer's address
// and phone without a space between them, so the test keeps them in one
// field to reproduce it byte for byte.
func seedInvoice() app.Invoice {
	l := line("笔记本电脑", "5165", "0.13", true, "1", "5165")
	l.Unit = "台"
	inv := app.Invoice{
		RequestSerial: "KPTZ202104130005",
		Type:          app.TypeSpecial,
		Seller:        testSeller,
		Buyer: app.Party{
			Name: "**集团有限公司电子商务中心", TaxID: "91310000631757739B",
			Address: "北京市昌平区北***院101楼620室010-58688395",
			Bank:    "中国**银行股份有限公司北京广安门支行0200001919200131264",
		},
		Lines: []app.Line{l},
	}
	inv.ApplyTotals()
	return inv
}

// seedDeviations are where the request differs from the seed's example,
// each on purpose:
//   - invoiceTypeCode: the example issues a paper 专票 (01); the domain's
//     数电专票 (81) maps to the electronic 专票 08.
//   - otherId: the serial, as a string (the example's is a number).
//   - sellerTaxId: the example's fails its check digit (see testSeller).
//   - taxRate: three decimals, as the seed's table says (0.130).
//   - reviewer: the domain has no 复核人, so none is sent.
var seedDeviations = map[string]any{
	"invoiceTypeCode": "08",
	"otherId":         "KPTZ202104130005",
	"sellerTaxId":     "91310000631757739E",
	"reviewer":        nil, // absent
}

var seedLineDeviations = map[string]any{"taxRate": "0.130"}

func TestIssueReproducesSeedRequest(t *testing.T) {
	fs := newFakeServer(t)
	c := newTestClient(t, fs.URL)
	if _, err := c.Issue(context.Background(), seedInvoice()); err != nil {
		t.Fatalf("Issue: %v", err)
	}
	seed := readSeed(t, "serverIssue_request_seed.json")
	got := fs.last(t)

	// Fields the example does not send: the flag it leaves to its default
	// (absent means 含税, sent here as 1), and the line's id.
	if v := got["computeWithTax"]; v != json.Number("1") {
		t.Errorf("computeWithTax = %#v, want the number 1", v)
	}
	delete(got, "computeWithTax")
	compareWithSeed(t, "", got, seed, seedDeviations)

	gotLines, seedLines := wireLines(t, got), wireLines(t, seed)
	if len(gotLines) != 1 || len(seedLines) != 1 {
		t.Fatalf("%d lines, want 1", len(gotLines))
	}
	if gotLines[0]["id"] != "1" {
		t.Errorf("lines[0].id = %#v, want \"1\"", gotLines[0]["id"])
	}
	delete(gotLines[0], "id")
	compareWithSeed(t, "lines[0].", gotLines[0], seedLines[0], seedLineDeviations)
}

// compareWithSeed checks every field of the seed's example against got:
// equal strings, except the deviations (nil: absent); a null in the example
// is an optional field left out. got may hold nothing else.
func compareWithSeed(t *testing.T, prefix string, got, seed map[string]any, deviations map[string]any) {
	t.Helper()
	for k, want := range seed {
		if k == "lines" {
			continue
		}
		if d, ok := deviations[k]; ok {
			want = d
		}
		g, present := got[k]
		switch {
		case want == nil && present:
			t.Errorf("%s%s = %#v, want it left out", prefix, k, g)
		case want != nil && g != want:
			t.Errorf("%s%s = %#v, want %#v", prefix, k, g, want)
		}
	}
	for k := range got {
		if _, ok := seed[k]; !ok {
			t.Errorf("%s%s = %#v is not in the seed's example", prefix, k, got[k])
		}
	}
}

func readSeed(t *testing.T, name string) map[string]any {
	t.Helper()
	raw, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	m, err := decodeObject(raw)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

// The seed's success answer, made valid JSON (a comma after docId, straight
// quotes around invoiceNumber, a colon after amount), gives the number, the
// code, the date and the check code.
func TestIssueReadsSeedAnswer(t *testing.T) {
	raw, err := os.ReadFile("testdata/serverIssue_answer_seed.json")
	if err != nil {
		t.Fatal(err)
	}
	fs := newFakeServer(t)
	fs.answer(http.StatusOK, string(raw))
	c := newTestClient(t, fs.URL)
	inv := seedInvoice()
	inv.RequestSerial = "AAA20210408000001" // the serial the answer is about

	got, err := c.Issue(context.Background(), inv)
	if err != nil {
		t.Fatalf("Issue: %v", err)
	}
	want := app.IssueResult{
		Number: "12221761", Code: "050002000205",
		IssuedAt:  time.Date(2022, 9, 21, 0, 0, 0, 0, app.ChinaTime),
		CheckCode: "11884729515180314769",
	}
	if got.Number != want.Number || got.Code != want.Code || got.CheckCode != want.CheckCode || !got.IssuedAt.Equal(want.IssuedAt) {
		t.Errorf("result %+v, want %+v", got, want)
	}
	if got.IssuedAt.Location() != app.ChinaTime {
		t.Errorf("IssuedAt in %v, want China time", got.IssuedAt.Location())
	}
}
