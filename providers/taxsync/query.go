package taxsync

import (
	"encoding/json"
	"fmt"
	"time"

	"fapiao/app"
)

// wireQuery is the JSON inside the request's content. Only the fields set
// are sent: the service reads an empty string as a filter, not as "any".
type wireQuery struct {
	Page     int    `json:"page"`
	PageSize int    `json:"pageSize"`
	Rzzt     string `json:"rzzt"`
	Skssq    string `json:"skssq,omitempty"`
	RqQ      string `json:"rq_q,omitempty"`
	RqZ      string `json:"rq_z,omitempty"`
	Iszip    string `json:"iszip,omitempty"`
	Adapter  string `json:"adapter,omitempty"`
	Znxpz    string `json:"znxpz,omitempty"`
}

// wireDate is rq_q / rq_z: yyyy-MM-dd.
const wireDate = "2006-01-02"

// buildQuery checks q and turns it into the wire query. Page 0 means the
// first page and PageSize 0 DefaultPageSize. Dates are sent as the calendar
// day they fall on in their own location, which is the day the clerk chose.
func buildQuery(q app.InboundFetch, zipped bool) (wireQuery, error) {
	if err := checkFetch(q); err != nil {
		return wireQuery{}, err
	}
	w := wireQuery{Page: q.Page, PageSize: q.PageSize, Rzzt: string(q.Status), Skssq: q.Period,
		RqQ: formatDate(q.From), RqZ: formatDate(q.To), Iszip: "0"}
	if w.Page == 0 {
		w.Page = 1
	}
	if w.PageSize == 0 {
		w.PageSize = DefaultPageSize
	}
	if zipped {
		w.Iszip = "1"
	}
	switch q.Status {
	case app.InboundPastPeriods:
		// Only the adapter format groups invoices by period and says which
		// are customs vouchers.
		w.Adapter = "1"
	case app.InboundExportDomestic:
		w.Znxpz = "Y"
	}
	return w, nil
}

// checkFetch refuses a query the service would misread. Messages name the
// field and the rule.
func checkFetch(q app.InboundFetch) error {
	switch {
	case q.Status == "":
		return refusedBeforeSending("同步状态(rzzt)不能为空")
	case !allDigits(string(q.Status)) || len(q.Status) > 4:
		return refusedBeforeSending(fmt.Sprintf("同步状态(rzzt)%q 应为数字代码,如 10、11、40", clip(string(q.Status))))
	case q.Page < 0:
		return refusedBeforeSending("页码(page)不能为负数")
	case q.PageSize < 0:
		return refusedBeforeSending("每页数量(pageSize)不能为负数")
	case q.Period != "" && !validPeriod(q.Period):
		return refusedBeforeSending(fmt.Sprintf("税款所属期(skssq)%q 应为 yyyyMM 格式,如 202401", clip(q.Period)))
	case !q.From.IsZero() && !q.To.IsZero() && formatDate(q.From) > formatDate(q.To):
		return refusedBeforeSending("日期起(rq_q)不能晚于日期止(rq_z)")
	}
	return nil
}

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(wireDate)
}

// validPeriod accepts yyyyMM with a month from 01 to 12.
func validPeriod(p string) bool {
	if len(p) != 6 || !allDigits(p) {
		return false
	}
	month := p[4:]
	return month >= "01" && month <= "12"
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// encodeQuery is the query's JSON.
func encodeQuery(w wireQuery) []byte {
	b, err := json.Marshal(w)
	if err != nil {
		// Only strings and ints: marshalling cannot fail.
		panic("taxsync: query JSON: " + err.Error())
	}
	return b
}
