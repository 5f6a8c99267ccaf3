package store

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"fapiao/app"
)

func TestDraftsRoundTrip(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	if _, err := db.LoadDraft(ctx, "当前"); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("LoadDraft of nothing: %v", err)
	}
	d := richDraft()
	d.Lines[0].Quantity = "3." // half-typed: must survive as typed
	d.Lines[1].Tax = "283.50"
	if err := db.SaveDraft(ctx, "当前", d); err != nil {
		t.Fatal(err)
	}
	got, err := db.LoadDraft(ctx, "当前")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, d) {
		t.Errorf("draft changed:\n got %+v\nwant %+v", got, d)
	}

	d.Remark = "第二版"
	if err := db.SaveDraft(ctx, "当前", d); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.LoadDraft(ctx, "当前"); got.Remark != "第二版" {
		t.Errorf("SaveDraft did not replace: %q", got.Remark)
	}
	if err := db.DeleteDraft(ctx, "当前"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.LoadDraft(ctx, "当前"); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("after delete: %v", err)
	}
	if err := db.DeleteDraft(ctx, "当前"); err != nil {
		t.Errorf("deleting a missing draft: %v", err)
	}
}
