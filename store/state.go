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

var _ app.StateStore = (*DB)(nil)

// SaveState stores v as JSON under name, replacing what was there.
func (db *DB) SaveState(ctx context.Context, name string, v any) error {
	payload, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("编码状态 %s: %w", name, err)
	}
	_, err = db.writer.ExecContext(ctx, `INSERT INTO app_state (name, payload, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET payload = excluded.payload, updated_at = excluded.updated_at`,
		name, string(payload), formatTime(time.Now()))
	if err != nil {
		return fmt.Errorf("保存状态 %s: %w", name, err)
	}
	return nil
}

// LoadState decodes the document saved under name into v, or returns an
// error wrapping app.ErrNotFound when there is none.
func (db *DB) LoadState(ctx context.Context, name string, v any) error {
	var payload string
	err := db.reader.QueryRowContext(ctx, `SELECT payload FROM app_state WHERE name = ?`, name).Scan(&payload)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("状态 %s: %w", name, app.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("读取状态 %s: %w", name, err)
	}
	if err := json.Unmarshal([]byte(payload), v); err != nil {
		return fmt.Errorf("状态 %s 已损坏: %w", name, err)
	}
	return nil
}
