package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"fapiao/app"
)

// RedCase returns a case with its lines in order, or an error wrapping
// app.ErrNotFound when there is none.
func (db *DB) RedCase(ctx context.Context, id int64) (app.RedCase, error) {
	var c app.RedCase
	err := db.inReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		c, err = scanRedCase(tx.QueryRowContext(ctx, `SELECT `+redCaseColumns+` FROM red_cases WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("红冲单 %d: %w", id, app.ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("读取红冲单 %d: %w", id, err)
		}
		cases := []app.RedCase{c}
		err = attachRedLines(ctx, tx, cases)
		c = cases[0]
		return err
	})
	return c, err
}

// RedCases lists cases newest first (by creation, then id), with their
// lines: those of blueNumber when it is not empty, only open ones (not
// issued, not void) when openOnly.
func (db *DB) RedCases(ctx context.Context, blueNumber string, openOnly bool) ([]app.RedCase, error) {
	query, args := redCasesQuery(blueNumber, openOnly)
	var out []app.RedCase
	err := db.inReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		if out, err = queryRedCases(ctx, tx, query, args...); err != nil {
			return err
		}
		return attachRedLines(ctx, tx, out)
	})
	if err != nil {
		return nil, fmt.Errorf("查询红冲单: %w", err)
	}
	return out, nil
}

// redCasesQuery builds RedCases' SQL. The open condition is written as the
// red_cases_open index's WHERE, so that SQLite can use the index.
func redCasesQuery(blueNumber string, openOnly bool) (string, []any) {
	var (
		where []string
		args  []any
	)
	if blueNumber != "" {
		where, args = append(where, `blue_number = ?`), append(args, blueNumber)
	}
	if openOnly {
		where = append(where, `step NOT IN ('issued', 'void')`)
	}
	query := `SELECT ` + redCaseColumns + ` FROM red_cases`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	return query + ` ORDER BY created_at DESC, id DESC`, args
}

func queryRedCases(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]app.RedCase, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []app.RedCase
	for rows.Next() {
		c, err := scanRedCase(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// attachRedLines reads the lines of cases in one query, the ids passed as
// one JSON array as attachLines does.
func attachRedLines(ctx context.Context, tx *sql.Tx, cases []app.RedCase) error {
	if len(cases) == 0 {
		return nil
	}
	index := make(map[int64]int, len(cases))
	ids := make([]int64, len(cases))
	for i, c := range cases {
		index[c.ID], ids[i] = i, c.ID
	}
	idJSON, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+redLineColumns+` FROM red_case_lines
		WHERE case_id IN (SELECT value FROM json_each(?)) ORDER BY case_id, position`, string(idJSON))
	if err != nil {
		return fmt.Errorf("读取红冲明细: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		id, l, err := scanRedLine(rows)
		if err != nil {
			return fmt.Errorf("读取红冲明细: %w", err)
		}
		i := index[id]
		cases[i].Lines = append(cases[i].Lines, l)
	}
	return rows.Err()
}

// RedTransitions returns a case's stored moves, oldest first. A case that
// does not exist has none; that is not an error.
func (db *DB) RedTransitions(ctx context.Context, id int64) ([]app.RedTransition, error) {
	rows, err := db.reader.QueryContext(ctx, `SELECT at, step, form_state, note
		FROM red_transitions WHERE case_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("读取红冲单 %d 的记录: %w", id, err)
	}
	defer rows.Close()
	var out []app.RedTransition
	for rows.Next() {
		var (
			tr              app.RedTransition
			at, step, state string
		)
		if err := rows.Scan(&at, &step, &state, &tr.Note); err != nil {
			return nil, fmt.Errorf("读取红冲单 %d 的记录: %w", id, err)
		}
		if tr.At, err = parseTime(at); err != nil {
			return nil, err
		}
		tr.Step, tr.FormState = app.RedStep(step), app.RedFormState(state)
		out = append(out, tr)
	}
	return out, rows.Err()
}
