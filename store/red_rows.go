package store

import (
	"database/sql"
	"encoding/json"
	"fmt"

	"fapiao/app"
)

// The red case columns a save writes, in the order of redCaseArgs; the
// insert adds created_at after them.
const redCaseWritten = `blue_number, reason, partial, step, form_number, form_id, form_state, form_applied_at,
	serial, red_number, message, type, seller, buyer, total_amount, total_tax, total, updated_at`

var (
	sqlInsertRedCase = prepared(`INSERT INTO red_cases (` + redCaseWritten + `, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	// RETURNING created_at tells an unknown id (no row) from a known one and
	// gives the caller the stored creation time in the same statement.
	sqlUpdateRedCase = prepared(`UPDATE red_cases SET
		blue_number = ?, reason = ?, partial = ?, step = ?, form_number = ?, form_id = ?, form_state = ?,
		form_applied_at = ?, serial = ?, red_number = ?, message = ?, type = ?, seller = ?, buyer = ?,
		total_amount = ?, total_tax = ?, total = ?, updated_at = ?
		WHERE id = ? RETURNING created_at`)
)

// redCaseArgs are c's values for redCaseWritten.
func redCaseArgs(c *app.RedCase) ([]any, error) {
	seller, err := json.Marshal(c.Seller)
	if err != nil {
		return nil, fmt.Errorf("编码销售方: %w", err)
	}
	buyer, err := json.Marshal(c.Buyer)
	if err != nil {
		return nil, fmt.Errorf("编码购买方: %w", err)
	}
	f := c.Form
	return []any{
		c.BlueNumber, string(c.Reason), boolInt(c.Partial), string(c.Step),
		f.Number, f.ID, string(f.State), nullTime(f.AppliedAt),
		c.Serial, c.RedNumber, c.Message, string(c.Type), string(seller), string(buyer),
		money(c.TotalAmount), money(c.TotalTax), money(c.Total), formatTime(c.UpdatedAt),
	}, nil
}

// The red case columns read back, in the order scanRedCase expects.
const redCaseColumns = `id, ` + redCaseWritten + `, created_at`

func scanRedCase(row scanner) (app.RedCase, error) {
	var (
		c                                 app.RedCase
		reason, step, formState, typ      string
		appliedAt                         sql.NullString
		seller, buyer, amount, tax, total string
		createdAt, updatedAt              string
	)
	err := row.Scan(&c.ID, &c.BlueNumber, &reason, &c.Partial, &step,
		&c.Form.Number, &c.Form.ID, &formState, &appliedAt,
		&c.Serial, &c.RedNumber, &c.Message, &typ, &seller, &buyer,
		&amount, &tax, &total, &updatedAt, &createdAt)
	if err != nil {
		return c, err
	}
	c.Reason, c.Step, c.Form.State, c.Type = app.RedReason(reason), app.RedStep(step), app.RedFormState(formState), app.InvoiceType(typ)
	if err := decodeParties(&c, seller, buyer); err != nil {
		return c, err
	}
	if err := parseRedCaseTimes(&c, appliedAt, createdAt, updatedAt); err != nil {
		return c, err
	}
	var d decimalReader
	c.TotalAmount = d.parse("total_amount", amount)
	c.TotalTax = d.parse("total_tax", tax)
	c.Total = d.parse("total", total)
	return c, d.err
}

func decodeParties(c *app.RedCase, seller, buyer string) error {
	if err := json.Unmarshal([]byte(seller), &c.Seller); err != nil {
		return fmt.Errorf("红冲单 %d 的销售方已损坏: %w", c.ID, err)
	}
	if err := json.Unmarshal([]byte(buyer), &c.Buyer); err != nil {
		return fmt.Errorf("红冲单 %d 的购买方已损坏: %w", c.ID, err)
	}
	return nil
}

func parseRedCaseTimes(c *app.RedCase, appliedAt sql.NullString, createdAt, updatedAt string) error {
	var err error
	if c.Form.AppliedAt, err = parseNullTime(appliedAt); err != nil {
		return err
	}
	if c.CreatedAt, err = parseTime(createdAt); err != nil {
		return err
	}
	c.UpdatedAt, err = parseTime(updatedAt)
	return err
}

// red_case_lines has invoice_lines' columns, with blue_index after position.
var sqlInsertRedLine = prepared(`INSERT INTO red_case_lines (case_id, position, blue_index, ` + lineFields + `)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)

func redLineArgs(caseID int64, position int, l app.RedLine) []any {
	args := lineArgs(caseID, position, l.Line) // case_id, position, then lineFields
	return append([]any{args[0], args[1], l.Index}, args[2:]...)
}

// The red line columns read back, in the order scanRedLine expects.
const redLineColumns = `case_id, blue_index, ` + lineFields

func scanRedLine(row scanner) (caseID int64, l app.RedLine, err error) {
	l.Line, err = scanLineAfter(row, &caseID, &l.Index)
	return caseID, l, err
}
