package store

import (
	"strings"

	"fapiao/app"
)

// sqlWhere collects the conditions of a query and their arguments. Its
// SQL comes from this package's constants only; what a clerk typed is
// always an argument.
type sqlWhere struct {
	conds []string
	args  []any
}

func (w *sqlWhere) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// in adds "column IN (?, …)" for values, when there are any. One
// parameter per value, not a JSON array: the planner then knows how many
// values there are and can look each up in an index.
func (w *sqlWhere) in(column string, values []string) {
	if len(values) == 0 {
		return
	}
	params := strings.Repeat(", ?", len(values))[2:]
	args := make([]any, len(values))
	for i, v := range values {
		args[i] = v
	}
	w.add(column+" IN ("+params+")", args...)
}

// sql is the WHERE clause, or "" when nothing filters.
func (w *sqlWhere) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// inboundWhere turns q's filters into conditions on inbound_invoices.
// Empty fields do not filter.
func inboundWhere(q app.InboundQuery) *sqlWhere {
	w := &sqlWhere{}
	statuses := make([]string, len(q.Statuses))
	for i, s := range q.Statuses {
		statuses[i] = string(s)
	}
	w.in("status", statuses)
	if q.CheckStatus != "" {
		w.add("check_status = ?", q.CheckStatus)
	}
	w.in("state", q.States)
	w.in("management_status", q.Risks)
	w.in("type", q.Types)
	if from := dateText(q.From); from.Valid {
		w.add("billing_date >= ?", from.String)
	}
	if to := dateText(q.To); to.Valid {
		w.add("billing_date <= ?", to.String)
	}
	if q.Period != "" {
		w.add("period = ?", q.Period)
	}
	if q.MinAmount.Valid {
		w.add("amount_cents >= ?", minCentsOf(q.MinAmount.Decimal))
	}
	if q.MaxAmount.Valid {
		w.add("amount_cents <= ?", maxCentsOf(q.MaxAmount.Decimal))
	}
	addSellerFilter(w, q.Seller)
	return w
}
