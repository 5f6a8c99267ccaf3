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

// SaveDraft stores the form's draft under name, replacing an older one.
// Numbers stay text, as typed, so a half-typed value survives.
func (db *DB) SaveDraft(ctx context.Context, name string, d app.Draft) error {
	payload, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("编码草稿 %s: %w", name, err)
	}
	_, err = db.writer.ExecContext(ctx, `INSERT INTO drafts (name, payload, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET payload = excluded.payload, updated_at = excluded.updated_at`,
		name, string(payload), formatTime(time.Now()))
	if err != nil {
		return fmt.Errorf("保存草稿 %s: %w", name, err)
	}
	return nil
}

// LoadDraft returns the draft saved under name, or an error wrapping
// app.ErrNotFound when there is none.
func (db *DB) LoadDraft(ctx context.Context, name string) (app.Draft, error) {
	var payload string
	err := db.reader.QueryRowContext(ctx, `SELECT payload FROM drafts WHERE name = ?`, name).Scan(&payload)
	if errors.Is(err, sql.ErrNoRows) {
		return app.Draft{}, fmt.Errorf("草稿 %s: %w", name, app.ErrNotFound)
	}
	if err != nil {
		return app.Draft{}, fmt.Errorf("读取草稿 %s: %w", name, err)
	}
	var d app.Draft
	if err := json.Unmarshal([]byte(payload), &d); err != nil {
		return app.Draft{}, fmt.Errorf("草稿 %s 已损坏: %w", name, err)
	}
	return d, nil
}

// DeleteDraft removes the draft saved under name; deleting a draft that is
// not there is not an error.
func (db *DB) DeleteDraft(ctx context.Context, name string) error {
	if _, err := db.writer.ExecContext(ctx, `DELETE FROM drafts WHERE name = ?`, name); err != nil {
		return fmt.Errorf("删除草稿 %s: %w", name, err)
	}
	return nil
}
