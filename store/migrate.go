package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// migrationFiles holds the schema's history. To change the schema, add the
// next file (0002_what.sql, …); never edit one that has shipped.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one numbered schema change.
type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads migrations/NNNN_name.sql from fsys in version order.
// Versions must run 1, 2, 3… with no gap or repeat, so that a file lost in a
// merge is noticed at once.
func loadMigrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, name := range names {
		base := path.Base(name)
		prefix, _, _ := strings.Cut(base, "_")
		version, err := strconv.Atoi(prefix)
		if err != nil || version <= 0 {
			return nil, fmt.Errorf("迁移文件 %s 的名称应以版本号开头,如 0002_说明.sql", base)
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: version, name: base, sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("迁移文件版本不连续:第%d个文件 %s 的版本应为 %d", i+1, m.name, i+1)
		}
	}
	return out, nil
}

// migrate brings the schema to the newest version in fsys. Each migration
// runs in its own transaction together with its row in schema_migrations,
// so a failed one leaves the database at the previous version.
func migrate(ctx context.Context, db *sql.DB, fsys fs.FS) error {
	migrations, err := loadMigrations(fsys)
	if err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("创建 schema_migrations: %w", err)
	}
	for _, m := range migrations {
		if err := applyMigration(ctx, db, m, len(migrations)); err != nil {
			return err
		}
	}
	return nil
}

// applyMigration applies m unless the database already has it. The version
// is read inside the (immediate) transaction, so two processes opening the
// same new file at once cannot both apply it.
func applyMigration(ctx context.Context, db *sql.DB, m migration, newest int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() // after Commit this is a no-op
	var current int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return fmt.Errorf("读取数据库版本: %w", err)
	}
	if current > newest {
		return fmt.Errorf("数据库版本为 %d,本程序只支持到版本 %d:数据库由更新版本的 Fapiao 写入,请升级 Fapiao 后再打开", current, newest)
	}
	if current >= m.version {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("执行数据库迁移 %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`,
		m.version, formatTime(time.Now())); err != nil {
		return fmt.Errorf("记录数据库迁移 %s: %w", m.name, err)
	}
	return tx.Commit()
}
