package taxsync

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fapiao/app"
)

// wireTimeLayouts are the ways the service writes a date or a time: the
// seed shows "2018-06-21" and "2020-01-16 00:00:00"; the rest are what Java
// services commonly emit. A fractional second after the seconds (Java's
// Timestamp writes ".0") is accepted by time.Parse without being in the
// layout.
var wireTimeLayouts = []string{
	time.DateOnly, time.DateTime, "2006-01-02T15:04:05", "2006/01/02", "2006/01/02 15:04:05",
	"20060102", "20060102150405",
}

// parseWireTime reads a date or time in China time. "" and the all-zero date
// some databases emit read as the zero time; a string of 13 digits is Java's
// milliseconds since 1970; an RFC 3339 time keeps its offset.
func parseWireTime(text string) (time.Time, error) {
	switch {
	case text == "" || strings.HasPrefix(text, "0000-00-00"):
		return time.Time{}, nil
	case len(text) == 13 && allDigits(text):
		ms, _ := strconv.ParseInt(text, 10, 64)
		return time.UnixMilli(ms).In(app.ChinaTime), nil
	}
	for _, layout := range wireTimeLayouts {
		if t, err := time.ParseInLocation(layout, text, app.ChinaTime); err == nil {
			return t, nil
		}
	}
	if t, err := time.Parse(time.RFC3339, text); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("日期 %q 无法识别", clip(text))
}
