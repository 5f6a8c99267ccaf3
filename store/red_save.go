package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"fapiao/app"
)

var _ app.RedStore = (*DB)(nil)

// SaveRedCase stores c and records the move in red_transitions (its time,
// step, form state and note), in one transaction: a case is never stored
// in a step without the transition that led there.
//
// c.ID 0 inserts the case and sets c.ID, and c.CreatedAt when it is zero.
// Otherwise the stored case is rewritten whole, its lines replaced, and
// c.CreatedAt set to the stored one (the creation time is never moved); an
// unknown ID gives an error wrapping app.ErrNotFound. Either way
// c.UpdatedAt becomes the time of the move.
func (db *DB) SaveRedCase(ctx context.Context, c *app.RedCase, note string) error {
	if err := checkRedCase(c); err != nil {
		return err
	}
	row := *c
	row.UpdatedAt = time.Now()
	if row.ID == 0 && row.CreatedAt.IsZero() {
		row.CreatedAt = row.UpdatedAt
	}
	err := db.inWriteTx(ctx, func(tx writeTx) error {
		if err := writeRedCase(ctx, tx, &row); err != nil {
			return err
		}
		return insertRedTransition(ctx, tx, &row, note)
	})
	if err != nil {
		return redSaveError(c, err)
	}
	c.ID = row.ID
	c.CreatedAt, c.UpdatedAt = row.CreatedAt.In(app.ChinaTime), row.UpdatedAt.In(app.ChinaTime)
	return nil
}

// checkRedCase refuses what the schema's CHECKs would, with a message a
// clerk can read.
func checkRedCase(c *app.RedCase) error {
	switch {
	case c.BlueNumber == "":
		return errors.New("红冲单缺少蓝字发票号码")
	case app.ReasonRefusal(c.Reason, nil) != "":
		return fmt.Errorf("红冲单(蓝字发票 %s):%s", c.BlueNumber, app.ReasonRefusal(c.Reason, nil))
	case !knownRedStep(c.Step):
		return fmt.Errorf("红冲单(蓝字发票 %s):步骤 %q 无效", c.BlueNumber, c.Step)
	}
	return nil
}

func knownRedStep(s app.RedStep) bool {
	switch s {
	case app.RedStepApplying, app.RedStepAwaiting, app.RedStepReady,
		app.RedStepIssuing, app.RedStepIssued, app.RedStepVoid:
		return true
	}
	return false
}

// writeRedCase inserts or updates the case row and (re)writes its lines.
// Lines are replaced whole: a case has a handful, and comparing them first
// would cost about as much as writing them.
func writeRedCase(ctx context.Context, tx writeTx, c *app.RedCase) error {
	args, err := redCaseArgs(c)
	if err != nil {
		return err
	}
	if c.ID == 0 {
		res, err := tx.ExecContext(ctx, sqlInsertRedCase, append(args, formatTime(c.CreatedAt))...)
		if err != nil {
			return err
		}
		if c.ID, err = res.LastInsertId(); err != nil {
			return err
		}
	} else if err := updateRedCase(ctx, tx, c, args); err != nil {
		return err
	}
	return insertRedLines(ctx, tx, c.ID, c.Lines)
}

var sqlDeleteRedLines = prepared(`DELETE FROM red_case_lines WHERE case_id = ?`)

// updateRedCase rewrites a stored case, reads back its creation time and
// drops its lines for insertRedLines to write again.
func updateRedCase(ctx context.Context, tx writeTx, c *app.RedCase, args []any) error {
	var createdAt string
	err := tx.QueryRowContext(ctx, sqlUpdateRedCase, append(args, c.ID)...).Scan(&createdAt)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("红冲单 %d: %w", c.ID, app.ErrNotFound)
	}
	if err != nil {
		return err
	}
	if c.CreatedAt, err = parseTime(createdAt); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, sqlDeleteRedLines, c.ID)
	return err
}

func insertRedLines(ctx context.Context, tx writeTx, caseID int64, lines []app.RedLine) error {
	for i, l := range lines {
		if _, err := tx.ExecContext(ctx, sqlInsertRedLine, redLineArgs(caseID, i, l)...); err != nil {
			return fmt.Errorf("保存第%d行红冲明细: %w", i+1, err)
		}
	}
	return nil
}

var sqlInsertRedTransition = prepared(`INSERT INTO red_transitions (case_id, at, step, form_state, note)
	VALUES (?, ?, ?, ?, ?)`)

// insertRedTransition records the move that brought c where it is, at the
// time of the save.
func insertRedTransition(ctx context.Context, tx writeTx, c *app.RedCase, note string) error {
	_, err := tx.ExecContext(ctx, sqlInsertRedTransition,
		c.ID, formatTime(c.UpdatedAt), string(c.Step), string(c.Form.State), note)
	return err
}

func redSaveError(c *app.RedCase, err error) error {
	switch {
	case errors.Is(err, app.ErrNotFound):
		return err
	case isUniqueViolation(err):
		return fmt.Errorf("红冲单(蓝字发票 %s):请求流水号 %s 已属于另一个红冲单: %w", c.BlueNumber, c.Serial, err)
	}
	return fmt.Errorf("保存红冲单(蓝字发票 %s): %w", c.BlueNumber, err)
}
