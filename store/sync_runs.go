package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"fapiao/app"
)

// SaveSyncRun stores a sync run: run.ID 0 inserts it and sets run.ID (and
// run.StartedAt when zero); otherwise the stored run is rewritten, and an
// unknown ID gives an error wrapping app.ErrNotFound. The sync saves its
// run after every stored page, so that an interrupted one resumes at its
// cursor (Current, NextPage).
func (db *DB) SaveSyncRun(ctx context.Context, run *app.SyncRun) error {
	row := *run
	if row.ID == 0 && row.StartedAt.IsZero() {
		row.StartedAt = time.Now()
	}
	args, err := syncRunArgs(&row)
	if err != nil {
		return err
	}
	err = db.inWriteTx(ctx, func(tx writeTx) error {
		if row.ID == 0 {
			res, err := tx.ExecContext(ctx, sqlInsertSyncRun, args...)
			if err != nil {
				return err
			}
			row.ID, err = res.LastInsertId()
			return err
		}
		res, err := tx.ExecContext(ctx, sqlUpdateSyncRun, append(args, row.ID)...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return errors.Join(err, app.ErrNotFound)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("保存同步记录 %d: %w", run.ID, err)
	}
	run.ID, run.StartedAt = row.ID, row.StartedAt.In(app.ChinaTime)
	return nil
}

// The run columns written, in the order of syncRunArgs.
const syncRunFields = `statuses, period, from_date, to_date, started_at, ended_at,
	current, next_page, pages, invoices, inserted, updated, error, cancelled`

var (
	sqlInsertSyncRun = prepared(`INSERT INTO sync_runs (` + syncRunFields + `)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	sqlUpdateSyncRun = prepared(`UPDATE sync_runs SET (` + syncRunFields + `)
		= (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?`)
)

func syncRunArgs(run *app.SyncRun) ([]any, error) {
	statuses := run.Statuses
	if statuses == nil {
		statuses = []app.InboundStatus{} // "[]", not "null"
	}
	list, err := json.Marshal(statuses)
	if err != nil {
		return nil, err
	}
	return []any{string(list), run.Period, nullTime(run.From), nullTime(run.To),
		formatTime(run.StartedAt), nullTime(run.EndedAt), string(run.Current), run.NextPage,
		run.Pages, run.Invoices, run.Inserted, run.Updated, run.Error, boolInt(run.Cancelled)}, nil
}

// UnfinishedSyncRun returns the newest run that has not ended, or an error
// wrapping app.ErrNotFound when every run has. Its WHERE is the partial
// index sync_runs_unfinished's.
func (db *DB) UnfinishedSyncRun(ctx context.Context) (app.SyncRun, error) {
	run, err := scanSyncRun(db.reader.QueryRowContext(ctx, `SELECT id, `+syncRunFields+`
		FROM sync_runs WHERE ended_at IS NULL ORDER BY id DESC LIMIT 1`))
	if errors.Is(err, sql.ErrNoRows) {
		return run, fmt.Errorf("未完成的同步: %w", app.ErrNotFound)
	}
	if err != nil {
		return run, fmt.Errorf("读取未完成的同步: %w", err)
	}
	return run, nil
}

// defaultSyncRuns is how many runs SyncRuns returns when asked for 0.
const defaultSyncRuns = 100

// SyncRuns returns the newest limit runs (100 when limit ≤ 0), newest
// first.
func (db *DB) SyncRuns(ctx context.Context, limit int) ([]app.SyncRun, error) {
	if limit <= 0 {
		limit = defaultSyncRuns
	}
	rows, err := db.reader.QueryContext(ctx, `SELECT id, `+syncRunFields+`
		FROM sync_runs ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("读取同步记录: %w", err)
	}
	defer rows.Close()
	var out []app.SyncRun
	for rows.Next() {
		run, err := scanSyncRun(rows)
		if err != nil {
			return nil, fmt.Errorf("读取同步记录: %w", err)
		}
		out = append(out, run)
	}
	return out, rows.Err()
}

func scanSyncRun(row scanner) (app.SyncRun, error) {
	var (
		run               app.SyncRun
		statuses, current string
		started           string
		from, to, ended   sql.NullString
	)
	err := row.Scan(&run.ID, &statuses, &run.Period, &from, &to, &started, &ended,
		&current, &run.NextPage, &run.Pages, &run.Invoices, &run.Inserted, &run.Updated, &run.Error, &run.Cancelled)
	if err != nil {
		return run, err
	}
	if err := json.Unmarshal([]byte(statuses), &run.Statuses); err != nil {
		return run, fmt.Errorf("同步记录 %d 的状态列表 %q 无效: %w", run.ID, statuses, err)
	}
	if len(run.Statuses) == 0 {
		run.Statuses = nil
	}
	run.Current = app.InboundStatus(current)
	var times timeReader
	run.From, run.To, run.EndedAt = times.parse(from), times.parse(to), times.parse(ended)
	run.StartedAt = times.parse(sql.NullString{String: started, Valid: true})
	return run, times.err
}
