package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"fapiao/app"
)

func TestStateRoundTripAndSurvivesReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fapiao.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	type doc struct {
		At   time.Time `json:"at"`
		Note string    `json:"note"`
	}
	var got doc
	if err := db.LoadState(ctx, "face_auth", &got); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("missing state: %v", err)
	}
	want := doc{At: time.Date(2026, 11, 21, 9, 30, 0, 0, app.ChinaTime), Note: "人脸认证"}
	if err := db.SaveState(ctx, "face_auth", want); err != nil {
		t.Fatal(err)
	}
	want.Note = "再次认证"
	if err := db.SaveState(ctx, "face_auth", want); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if db, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.LoadState(ctx, "face_auth", &got); err != nil {
		t.Fatal(err)
	}
	if !got.At.Equal(want.At) || got.Note != want.Note {
		t.Errorf("state = %+v, want %+v", got, want)
	}
}
