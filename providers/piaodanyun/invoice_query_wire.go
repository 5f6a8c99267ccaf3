package piaodanyun

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// queryData is invoiceQueryMx's data: the invoice as the bureau stored it.
// Only the fields we map are declared; the answer has a hundred more.
// encoding/json matches names case-insensitively, so "GFKHYX" reads
// "gfkhyx" as well.
type queryData struct {
	Fpqqlsh  flexString  `json:"fpqqlsh"`
	Fphm     flexString  `json:"fphm"`
	Kprq     flexString  `json:"kprq"`
	Fplxdm   flexString  `json:"fplxdm"`
	Jym      flexString  `json:"jym"` // 校验码
	Xhdwsbh  flexString  `json:"xhdwsbh"`
	Xhdwdm   flexString  `json:"xhdwdm"`
	Xhdwmc   flexString  `json:"xhdwmc"`
	Xhdwdzdh flexString  `json:"xhdwdzdh"`
	Xhdwyhzh flexString  `json:"xhdwyhzh"`
	Ghdwsbh  flexString  `json:"ghdwsbh"`
	Ghdwdm   flexString  `json:"ghdwdm"`
	Ghdwmc   flexString  `json:"ghdwmc"`
	Ghdwdzdh flexString  `json:"ghdwdzdh"`
	Ghdwyhzh flexString  `json:"ghdwyhzh"`
	Gfkhyx   flexString  `json:"GFKHYX"`
	Hjje     flexDecimal `json:"hjje"`
	Hjse     flexDecimal `json:"hjse"`
	Se       flexDecimal `json:"se"` // the seed's answer carries the total tax here
	Jshj     flexDecimal `json:"jshj"`
	Kpr      flexString  `json:"kpr"`
	Bz       flexString  `json:"bz"`
	Zbmx     []queryLine `json:"zbmx"`
}

// queryLine is one line of zbmx. je/spdj exclude tax; hsje/hsdj include it.
type queryLine struct {
	Fphxz flexInt     `json:"fphxz"`
	Spmc  flexString  `json:"spmc"`
	Spbm  flexString  `json:"spbm"`
	Ggxh  flexString  `json:"ggxh"`
	Dw    flexString  `json:"dw"`
	Spsl  flexDecimal `json:"spsl"`
	Spdj  flexDecimal `json:"spdj"`
	Je    flexDecimal `json:"je"`
	Sl    flexDecimal `json:"sl"`
	Se    flexDecimal `json:"se"`
	Hsbz  flexString  `json:"hsbz"`
	Hsje  flexDecimal `json:"hsje"`
	Hsdj  flexDecimal `json:"hsdj"`
}

// decodeQueryData reads invoiceQueryMx's data. found is false when the
// answer holds no invoice: data null, an empty list, or no invoice number.
// A list is accepted too and its first element read.
func decodeQueryData(data json.RawMessage) (q queryData, found bool, err error) {
	if !hasData(data) {
		return queryData{}, false, nil
	}
	if trimmed := bytes.TrimSpace(data); trimmed[0] == '[' {
		var list []json.RawMessage
		if err := json.Unmarshal(trimmed, &list); err != nil {
			return queryData{}, false, fmt.Errorf("data 列表无法解析(%v)", err)
		}
		if len(list) == 0 || !hasData(list[0]) {
			return queryData{}, false, nil
		}
		data = list[0]
	}
	if err := json.Unmarshal(data, &q); err != nil {
		return queryData{}, false, fmt.Errorf("data 无法解析(%v)", err)
	}
	return q, q.Fphm.String() != "", nil
}
