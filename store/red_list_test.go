package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"fapiao/app"
)

func TestRedCasesFilterAndOrder(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	blueA, blueB := testNumber(1), testNumber(2)
	base := time.Date(2025, 3, 1, 9, 0, 0, 0, app.ChinaTime)
	ids := map[string]int64{}
	for _, s := range []struct {
		name    string
		blue    string
		step    app.RedStep
		created time.Time
	}{
		{"A-issued", blueA, app.RedStepIssued, base},
		{"A-void", blueA, app.RedStepVoid, base.Add(time.Hour)},
		{"B-ready", blueB, app.RedStepReady, base.Add(2 * time.Hour)},
		{"A-awaiting", blueA, app.RedStepAwaiting, base.Add(3 * time.Hour)},
		// Created in the same nanosecond as A-awaiting: the later id is newer.
		{"A-applying", blueA, app.RedStepApplying, base.Add(3 * time.Hour)},
		// Inserted last, created first: creation time orders, not the insert.
		{"B-issuing", blueB, app.RedStepIssuing, base.Add(-time.Hour)},
	} {
		c := redCase(s.blue, s.step)
		c.CreatedAt, c.Message = s.created, s.name
		saveRed(t, db, &c, s.name)
		ids[s.name] = c.ID
	}

	for _, q := range []struct {
		blue     string
		openOnly bool
		want     string
	}{
		{"", false, "A-applying A-awaiting B-ready A-void A-issued B-issuing"},
		{"", true, "A-applying A-awaiting B-ready B-issuing"},
		{blueA, false, "A-applying A-awaiting A-void A-issued"},
		{blueA, true, "A-applying A-awaiting"},
		{blueB, true, "B-ready B-issuing"},
		{testNumber(3), false, ""},
	} {
		cases, err := db.RedCases(ctx, q.blue, q.openOnly)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, c := range cases {
			names = append(names, c.Message)
			if c.ID != ids[c.Message] || len(c.Lines) != 3 || c.Lines[0].Index != 3 || c.Lines[2].Index != 4 {
				t.Errorf("%s: id %d (want %d), %d lines %+v", c.Message, c.ID, ids[c.Message], len(c.Lines), c.Lines)
			}
		}
		if got := strings.Join(names, " "); got != q.want {
			t.Errorf("RedCases(%q, %v) = %s, want %s", q.blue, q.openOnly, got, q.want)
		}
	}
}

func TestRedCasesUseTheirIndexes(t *testing.T) {
	db, _ := openTemp(t)
	for _, q := range []struct {
		blue     string
		openOnly bool
		index    string
	}{
		{"", true, "red_cases_open"},
		{testNumber(1), false, "red_cases_blue_number"},
		{testNumber(1), true, "red_cases_blue_number"},
	} {
		query, args := redCasesQuery(q.blue, q.openOnly)
		plan := queryPlan(t, db, query, args...)
		if !strings.Contains(plan, q.index) || strings.Contains(plan, "TEMP B-TREE") {
			t.Errorf("RedCases(%q, %v) plan does not walk %s: %s", q.blue, q.openOnly, q.index, plan)
		}
	}
	plan := queryPlan(t, db, `SELECT id FROM invoices WHERE blue_number = ?`, testNumber(1))
	if !strings.Contains(plan, "invoices_blue_number") {
		t.Errorf("red invoices of a blue one: plan %s", plan)
	}
}

// queryPlan is SQLite's plan for query, its details joined by "; ".
func queryPlan(t *testing.T, db *DB, query string, args ...any) string {
	t.Helper()
	rows, err := db.reader.Query(`EXPLAIN QUERY PLAN `+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	return strings.Join(plan, "; ")
}
