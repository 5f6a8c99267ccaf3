package store

import (
	"context"
	"testing"
	"time"

	"fapiao/app"
)

// An invoice code returned by a provider (迅联云) is kept with the number.
func TestIssuedInvoiceKeepsItsCode(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	pendingInvoice(t, db, "S-code", richDraft())
	result := app.IssueResult{Number: "12221761", Code: "050002000205", CheckCode: "11884729515180314769",
		IssuedAt: time.Date(2022, 9, 21, 0, 0, 0, 0, app.ChinaTime)}
	if err := db.MarkIssued(ctx, "S-code", result); err != nil {
		t.Fatal(err)
	}
	got, err := db.InvoiceByNumber(ctx, "12221761")
	if err != nil {
		t.Fatal(err)
	}
	if got.Code != result.Code || got.CheckCode != result.CheckCode || !got.IssuedAt.Equal(result.IssuedAt) {
		t.Errorf("stored code %q check %q at %s; want %+v", got.Code, got.CheckCode, got.IssuedAt, result)
	}
}
