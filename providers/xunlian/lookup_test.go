package xunlian

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"fapiao/app"
)

func TestLookupSaysThereIsNoQuery(t *testing.T) {
	fs := newFakeServer(t)
	c := newTestClient(t, fs.URL)
	_, err := c.Lookup(context.Background(), testSerial)
	if !errors.Is(err, app.ErrNoLookup) || errors.Is(err, app.ErrNotFound) {
		t.Errorf("error %v, want one wrapping app.ErrNoLookup (and not ErrNotFound: nothing says it was not issued)", err)
	}
	if fs.count() != 0 {
		t.Errorf("%d requests sent", fs.count())
	}
}

func TestDocumentRendersLocally(t *testing.T) {
	fs := newFakeServer(t)
	cfg := testConfig(fs.URL)
	var gotNumber string
	var gotFormat app.DocFormat
	cfg.Render = func(inv app.Invoice, f app.DocFormat) ([]byte, error) {
		gotNumber, gotFormat = inv.Number, f
		return []byte("%PDF-1.7"), nil
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	inv := invoiceForLimits(t)
	inv.Number = testNumber
	doc, err := c.Document(context.Background(), inv, app.FormatPDF)
	if err != nil || !bytes.Equal(doc, []byte("%PDF-1.7")) || gotNumber != testNumber || gotFormat != app.FormatPDF {
		t.Errorf("doc %q err %v rendered %q %q", doc, err, gotNumber, gotFormat)
	}
	if fs.count() != 0 {
		t.Errorf("%d requests sent", fs.count())
	}

	c = newTestClient(t, fs.URL) // no renderer
	if _, err := c.Document(context.Background(), inv, app.FormatOFD); err == nil {
		t.Error("Document without a renderer succeeded")
	}
}
