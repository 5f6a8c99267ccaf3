package taxsync

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"fapiao/app"
)

// decodePage reads a page's JSON, in either shape, into an app.InboundPage
// for the query q that asked for it.
//
// Page and PageSize are the answer's, or the query's where the answer has
// none. Count is the answer's count. The adapter format has no count, so
// Count is then made up to drive paging: a short page (fewer entries than
// PageSize) is the last, and Count = (Page−1)×PageSize + its entries; a full
// page may have a successor, and Count = (Page−1)×PageSize + its entries + 1,
// which is Page×PageSize+1, so the caller asks for the next page — which
// will be empty, or short, and end the sync.
func decodePage(data []byte, q wireQuery) (app.InboundPage, error) {
	var w wirePage
	if err := json.Unmarshal(data, &w); err != nil {
		return app.InboundPage{}, fmt.Errorf("分页数据不是有效的JSON对象:%v", err)
	}
	page := app.InboundPage{Page: q.Page, PageSize: q.PageSize}
	if w.CurrentPage.Valid && w.CurrentPage.Value > 0 {
		page.Page = w.CurrentPage.Value
	}
	if w.PageSize.Valid && w.PageSize.Value > 0 {
		page.PageSize = w.PageSize.Value
	}
	groups, err := splitInvoiceList(w.InvoiceList)
	if err != nil {
		return app.InboundPage{}, err
	}
	status := app.InboundStatus(q.Rzzt)
	for _, g := range groups {
		for i, wi := range g.entries {
			inv, err := mapInvoice(wi, status, g.kind, firstNonEmpty(g.period, w.Skssq.String()))
			if err != nil {
				return app.InboundPage{}, fmt.Errorf("InvoiceList%s 第%d条:%v", g.label(), i+1, err)
			}
			page.Invoices = append(page.Invoices, inv)
		}
	}
	page.Count, err = pageCount(w.Count, page)
	return page, err
}

// pageCount is the answer's count, or the count made up for an answer with
// none (see decodePage).
func pageCount(count flexInt, page app.InboundPage) (int, error) {
	if count.Valid {
		if count.Value < 0 {
			return 0, fmt.Errorf("count %d 为负数", count.Value)
		}
		return count.Value, nil
	}
	if count.Raw != "" {
		return 0, fmt.Errorf("count %q 不是整数", clip(count.Raw))
	}
	n := len(page.Invoices)
	if page.PageSize > 0 && page.Page-1 > maxFlexInt/page.PageSize {
		return 0, fmt.Errorf("页码 %d 过大", page.Page)
	}
	before := (page.Page - 1) * page.PageSize
	if n < page.PageSize {
		return before + n, nil
	}
	return before + n + 1, nil
}

// group is a run of entries sharing the adapter format's period and kind;
// the flat format is one group without either.
type group struct {
	period, kind string
	entries      []wireInvoice
}

func (g group) label() string {
	if g.period == "" && g.kind == "" {
		return ""
	}
	return "[" + g.period + "][" + g.kind + "]"
}

// splitInvoiceList reads InvoiceList in either shape. The adapter format's
// periods come out in ascending order and within a period FP before HGJKS
// (then any other kind by name), so a page always maps the same way.
func splitInvoiceList(raw json.RawMessage) ([]group, error) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0 || bytes.Equal(raw, []byte("null")) || bytes.Equal(raw, []byte(`""`)):
		// No invoices: Java services write an empty list as null or "".
		return nil, nil
	case raw[0] == '[':
		var entries []wireInvoice
		if err := json.Unmarshal(raw, &entries); err != nil {
			return nil, fmt.Errorf("InvoiceList 无法解析:%v", err)
		}
		return []group{{entries: entries}}, nil
	case raw[0] == '{':
		return splitByPeriod(raw)
	}
	return nil, errors.New("InvoiceList 应为列表或按所属期分组的对象")
}

func splitByPeriod(raw json.RawMessage) ([]group, error) {
	var periods map[string]json.RawMessage
	if err := json.Unmarshal(raw, &periods); err != nil {
		return nil, fmt.Errorf("InvoiceList 无法解析:%v", err)
	}
	var groups []group
	for _, period := range sortedKeys(periods) {
		kinds, err := kindsOf(periods[period])
		if err != nil {
			return nil, fmt.Errorf("InvoiceList[%s] %v", clip(period), err)
		}
		for _, kind := range sortedKinds(kinds) {
			var entries []wireInvoice
			if err := json.Unmarshal(kinds[kind], &entries); err != nil {
				return nil, fmt.Errorf("InvoiceList[%s][%s] 无法解析:%v", clip(period), clip(kind), err)
			}
			groups = append(groups, group{period: period, kind: kind, entries: entries})
		}
	}
	return groups, nil
}

// kindsOf reads one period's object of kinds. An empty period may come as
// {}, null or [].
func kindsOf(raw json.RawMessage) (map[string]json.RawMessage, error) {
	raw = bytes.TrimSpace(raw)
	if bytes.Equal(raw, []byte("null")) || bytes.Equal(bytes.Join(bytes.Fields(raw), nil), []byte("[]")) {
		return nil, nil
	}
	var kinds map[string]json.RawMessage
	if err := json.Unmarshal(raw, &kinds); err != nil {
		return nil, errors.New("应为按类别(FP、HGJKS)分组的对象")
	}
	for k, v := range kinds {
		if bytes.Equal(bytes.TrimSpace(v), []byte("null")) {
			delete(kinds, k)
		}
	}
	return kinds, nil
}

func sortedKeys(m map[string]json.RawMessage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// sortedKinds puts FP first and HGJKS second, then the rest by name.
func sortedKinds(m map[string]json.RawMessage) []string {
	rank := func(k string) int {
		switch k {
		case kindInvoice:
			return 0
		case kindCustomsVoucher:
			return 1
		}
		return 2
	}
	keys := sortedKeys(m)
	sort.SliceStable(keys, func(i, j int) bool { return rank(keys[i]) < rank(keys[j]) })
	return keys
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
