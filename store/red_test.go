package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fapiao/app"
)

func TestRedCaseRoundTripsExactly(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	want := redCase(testNumber(1), app.RedStepAwaiting)
	want.Form = app.RedForm{Number: "44011225031100000001", ID: "3f1c9a2e-8b4d-4c6e-9a71-0d2b5e8f6a13",
		State: app.RedFormAwaitingBuyer, AppliedAt: time.Date(2025, 3, 11, 9, 30, 15, 987654321, app.ChinaTime)}
	want.Message = "确认单待购方确认"
	before := time.Now()
	saveRed(t, db, &want, "申请确认单")

	if want.ID == 0 || want.CreatedAt.Before(before) || !want.UpdatedAt.Equal(want.CreatedAt) {
		t.Fatalf("after insert: id %d created %v updated %v", want.ID, want.CreatedAt, want.UpdatedAt)
	}
	got, err := db.RedCase(ctx, want.ID)
	if err != nil {
		t.Fatal(err)
	}
	assertSameRedCase(t, got, want)
	for what, tm := range map[string]time.Time{"created": got.CreatedAt, "updated": got.UpdatedAt, "applied": got.Form.AppliedAt} {
		if tm.Location() != app.ChinaTime {
			t.Errorf("%s in %v, want China time", what, tm.Location())
		}
	}
	// The sums really are negative, so the test covers what it claims.
	if !got.Total.IsNegative() || got.Total.String() != "-1800.01" {
		t.Errorf("total = %s, want -1800.01", got.Total)
	}
}

func TestRedCaseMoneyIsStoredAsExactText(t *testing.T) {
	db, _ := openTemp(t)
	c := redCase(testNumber(1), app.RedStepApplying)
	saveRed(t, db, &c, "开始")
	var quantity, price, amount, tax, total string
	var blueIndex int
	err := db.reader.QueryRow(`SELECT l.blue_index, l.quantity, l.price, l.amount, l.tax, c.total
		FROM red_case_lines l JOIN red_cases c ON c.id = l.case_id WHERE l.case_id = ? AND l.position = 0`, c.ID).
		Scan(&blueIndex, &quantity, &price, &amount, &tax, &total)
	if err != nil {
		t.Fatal(err)
	}
	if blueIndex != 3 || quantity != "-0.33333333" || price != "5000.0000000001" || amount != "-1666.67" ||
		tax != "-100.00" || total != "-1800.01" {
		t.Errorf("stored index %d quantity %q price %q amount %q tax %q total %q",
			blueIndex, quantity, price, amount, tax, total)
	}
}

func TestCreatedAtGivenIsKept(t *testing.T) {
	db, _ := openTemp(t)
	c := redCase(testNumber(1), app.RedStepApplying)
	created := time.Date(2025, 3, 1, 8, 0, 0, 1, app.ChinaTime)
	c.CreatedAt = created
	saveRed(t, db, &c, "开始")
	got, err := db.RedCase(context.Background(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.CreatedAt.Equal(created) || !c.CreatedAt.Equal(created) {
		t.Errorf("created %v (case %v), want %v", got.CreatedAt, c.CreatedAt, created)
	}
	if !got.UpdatedAt.After(created) {
		t.Errorf("updated %v: not the time of the save", got.UpdatedAt)
	}
}

func TestEverySaveRecordsOneTransitionInOrder(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	c := redCase(testNumber(1), app.RedStepApplying)
	moves := []struct {
		step  app.RedStep
		state app.RedFormState
		note  string
	}{
		{app.RedStepApplying, "", "开始红冲:销货退回"},
		{app.RedStepAwaiting, app.RedFormAwaitingBuyer, "确认单待购方确认"},
		{app.RedStepReady, app.RedFormConfirmed, "购销双方已确认"},
		{app.RedStepIssuing, app.RedFormConfirmed, "提交红字发票,流水号 S-red-1"},
		{app.RedStepIssued, app.RedFormConfirmed, "已开具红字发票 " + testNumber(2)},
	}
	var created time.Time
	for i, m := range moves {
		c.Step, c.Form.State = m.step, m.state
		if i > 0 {
			c.CreatedAt = time.Time{} // an update must not move the creation time, whatever the caller holds
		}
		saveRed(t, db, &c, m.note)
		if i == 0 {
			created = c.CreatedAt
		}
		if !c.CreatedAt.Equal(created) {
			t.Errorf("save %d: CreatedAt %v, want the stored %v", i+1, c.CreatedAt, created)
		}
		got, err := db.RedTransitions(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != i+1 {
			t.Fatalf("after save %d: %d transitions", i+1, len(got))
		}
		last := got[i]
		if last.Step != m.step || last.FormState != m.state || last.Note != m.note {
			t.Errorf("transition %d = %+v, want %+v", i, last, m)
		}
		if !last.At.Equal(c.UpdatedAt) || last.At.Location() != app.ChinaTime {
			t.Errorf("transition %d at %v, want the save's time %v in China time", i, last.At, c.UpdatedAt)
		}
		if i > 0 && last.At.Before(got[i-1].At) {
			t.Errorf("transition %d at %v before the one before it (%v)", i, last.At, got[i-1].At)
		}
	}
	stored, err := db.RedCase(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Step != app.RedStepIssued || !stored.CreatedAt.Equal(created) {
		t.Errorf("after the moves: step %s created %v, want issued, %v", stored.Step, stored.CreatedAt, created)
	}
}

func TestUpdateReplacesTheLines(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	c := redCase(testNumber(1), app.RedStepApplying)
	saveRed(t, db, &c, "开始")
	c.Lines = c.Lines[1:2]
	c.Lines[0].Amount = dec("-12.34")
	saveRed(t, db, &c, "改行")
	got, err := db.RedCase(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	assertSameRedCase(t, got, c)
	var rows int
	db.reader.QueryRow(`SELECT COUNT(*) FROM red_case_lines`).Scan(&rows)
	if rows != 1 {
		t.Errorf("%d line rows, want 1", rows)
	}
}

func TestUpdatingAnUnknownCaseFails(t *testing.T) {
	db, _ := openTemp(t)
	c := redCase(testNumber(1), app.RedStepAwaiting)
	c.ID = 404
	err := db.SaveRedCase(context.Background(), &c, "不存在")
	if !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	assertRedRowCounts(t, db, 0, 0, 0)
	if !c.UpdatedAt.IsZero() {
		t.Errorf("failed save set UpdatedAt %v", c.UpdatedAt)
	}
}

func TestAFailedSaveKeepsNothingOfIt(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	c := redCase(testNumber(1), app.RedStepApplying)
	saveRed(t, db, &c, "开始")
	before, err := db.RedCase(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}

	// A quantity without a price breaks red_case_lines' CHECK after the
	// case row was rewritten and the old lines deleted: all of it must go.
	bad := c
	bad.Lines = append(append([]app.RedLine(nil), c.Lines...), c.Lines[0])
	bad.Lines[len(bad.Lines)-1].Price.Valid = false
	bad.Step, bad.Message = app.RedStepAwaiting, "不应保存"
	if err := db.SaveRedCase(ctx, &bad, "坏行"); err == nil {
		t.Fatal("a line with a quantity and no price was accepted")
	}
	after, err := db.RedCase(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	assertSameRedCase(t, after, before)
	assertRedRowCounts(t, db, 1, 3, 1)

	// The same on insert.
	fresh := bad
	fresh.ID = 0
	if err := db.SaveRedCase(ctx, &fresh, "坏行"); err == nil || fresh.ID != 0 {
		t.Fatalf("bad insert: err %v, id %d", err, fresh.ID)
	}
	assertRedRowCounts(t, db, 1, 3, 1)
}

func assertRedRowCounts(t *testing.T, db *DB, cases, lines, transitions int) {
	t.Helper()
	var c, l, tr int
	db.reader.QueryRow(`SELECT (SELECT COUNT(*) FROM red_cases), (SELECT COUNT(*) FROM red_case_lines),
		(SELECT COUNT(*) FROM red_transitions)`).Scan(&c, &l, &tr)
	if c != cases || l != lines || tr != transitions {
		t.Errorf("%d cases, %d lines, %d transitions; want %d, %d, %d", c, l, tr, cases, lines, transitions)
	}
}

func TestInvalidCasesAreRefusedWithAReason(t *testing.T) {
	db, _ := openTemp(t)
	for name, edit := range map[string]func(*app.RedCase){
		"no blue number": func(c *app.RedCase) { c.BlueNumber = "" },
		"bad reason":     func(c *app.RedCase) { c.Reason = "05" },
		"bad step":       func(c *app.RedCase) { c.Step = "done" },
	} {
		c := redCase(testNumber(1), app.RedStepApplying)
		edit(&c)
		err := db.SaveRedCase(context.Background(), &c, name)
		if err == nil || !strings.Contains(err.Error(), "红冲") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	assertRedRowCounts(t, db, 0, 0, 0)
}

func TestTwoCasesCannotShareASerial(t *testing.T) {
	db, _ := openTemp(t)
	a, b := redCase(testNumber(1), app.RedStepIssuing), redCase(testNumber(2), app.RedStepIssuing)
	a.Serial, b.Serial = "S-red-1", "S-red-1"
	saveRed(t, db, &a, "提交")
	err := db.SaveRedCase(context.Background(), &b, "提交")
	if err == nil || !strings.Contains(err.Error(), "S-red-1") {
		t.Fatalf("second case with the same serial: err = %v", err)
	}
	// Cases without a serial yet are many.
	c, d := redCase(testNumber(1), app.RedStepApplying), redCase(testNumber(1), app.RedStepApplying)
	saveRed(t, db, &c, "开始")
	saveRed(t, db, &d, "开始")
}

func TestRedLookupsOfNothing(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	if _, err := db.RedCase(ctx, 404); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("RedCase: %v", err)
	}
	if moves, err := db.RedTransitions(ctx, 404); err != nil || len(moves) != 0 {
		t.Errorf("RedTransitions: %v %v", moves, err)
	}
	if cases, err := db.RedCases(ctx, "", false); err != nil || len(cases) != 0 {
		t.Errorf("RedCases: %v %v", cases, err)
	}
}
