package piaodanyun

import (
	"fmt"
	"time"

	"fapiao/app"
)

// compactTime is kprq as getInvoicePdfOfd wants it and invoiceQueryMx
// returns it: yyyyMMddHHmmss.
const compactTime = "20060102150405"

// parseIssueTime reads an issue time in China time, written either way the
// provider writes it ("2006-01-02 15:04:05" or "20060102150405").
func parseIssueTime(text string) (time.Time, error) {
	for _, layout := range []string{time.DateTime, compactTime} {
		if t, err := time.ParseInLocation(layout, text, app.ChinaTime); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("开票日期 %q 无法识别", clip(text))
}
