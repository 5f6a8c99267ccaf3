package store

import (
	"fmt"
	"sort"
	"strings"

	"fapiao/app"
)

// inboundSorts maps the sort names QueryInbound accepts to their columns.
// Only these names reach the SQL: a clerk's choice selects a column, it is
// never written into the query. A column whose values many invoices share
// (a status, a type, a seller) is followed by billing_date, so that each
// group is in date order; every order ends with key, which is unique, so
// that an order is total and paging never skips or repeats a row. Each
// order is the order of one index of migration 0005, read forwards or
// backwards.
var inboundSorts = map[string][]string{
	"billing_date":      {"billing_date"},
	"amount":            {"amount_cents"},
	"tax":               {"tax_cents"},
	"valid_tax":         {"valid_tax_cents"},
	"seller_name":       {"seller_name", "billing_date"},
	"seller_tax_id":     {"seller_tax_id", "billing_date"},
	"number":            {"number"},
	"type":              {"type", "billing_date"},
	"status":            {"status", "billing_date"},
	"check_status":      {"check_status", "billing_date"},
	"state":             {"state", "billing_date"},
	"management_status": {"management_status", "billing_date"},
	"period":            {"period", "billing_date"},
}

// inboundOrder is q's ORDER BY clause. No Sort is the default order,
// newest first (billing_date descending; Desc does not apply). The
// direction applies to every column, key included, so that one index
// serves both directions.
func inboundOrder(q app.InboundQuery) (string, error) {
	name, desc := q.Sort, q.Desc
	if name == "" {
		name, desc = "billing_date", true
	}
	columns, ok := inboundSorts[name]
	if !ok {
		return "", fmt.Errorf("不能按“%s”排序进项发票:可按 %s 排序", name, strings.Join(sortNames(), "、"))
	}
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	terms := make([]string, 0, len(columns)+1)
	for _, c := range columns {
		terms = append(terms, c+dir)
	}
	terms = append(terms, "key"+dir)
	return " ORDER BY " + strings.Join(terms, ", "), nil
}

func sortNames() []string {
	names := make([]string, 0, len(inboundSorts))
	for name := range inboundSorts {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
