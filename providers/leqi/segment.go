package leqi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"fapiao/app"
)

// fwbmSegment is the service that grants a number segment (批量预赋码).
const fwbmSegment = "QDFPPLFM"

// segmentRequest is QDFPPLFM's request.
type segmentRequest struct {
	Nsrsbh string `json:"nsrsbh"`
	Lysl   int    `json:"lysl"`  // 领用数量
	Ywlsh  string `json:"ywlsh"` // 业务流水号
}

// segmentData is QDFPPLFM's Data besides returncode.
type segmentData struct {
	Fpqshm flexString `json:"fpqshm"` // 发票起始号码
	Fpzzhm flexString `json:"fpzzhm"` // 发票终止号码
	Lysl   flexInt    `json:"lysl"`   // 领用数量, a number or a string
}

// DownloadSegment asks for quantity pre-assigned numbers under the business
// serial (ywlsh). The platform grants once per serial: asked again under the
// same serial it must answer the segment it granted (the sandbox does), and
// the app relies on that to resume a download whose answer was lost without
// being granted a second segment. Serial and GrantedAt are set on the result.
func (c *Client) DownloadSegment(ctx context.Context, quantity int, serial string) (app.NumberSegment, error) {
	switch {
	case quantity <= 0 || quantity > app.MaxSegmentSize:
		return app.NumberSegment{}, refusedBeforeSending(fwbmSegment,
			fmt.Sprintf("领用数量 %d 无效,应为1到%d", quantity, app.MaxSegmentSize))
	case serial == "":
		return app.NumberSegment{}, refusedBeforeSending(fwbmSegment, "缺少业务流水号(ywlsh)")
	case len(serial) > maxBusinessSerialLength:
		return app.NumberSegment{}, refusedBeforeSending(fwbmSegment,
			fmt.Sprintf("业务流水号(ywlsh)超过%d个字符", maxBusinessSerialLength))
	}
	var seg app.NumberSegment
	err := c.invoke(ctx, fwbmSegment, segmentRequest{Nsrsbh: c.cfg.SellerTaxID, Lysl: quantity, Ywlsh: serial},
		func(data json.RawMessage) (err error) {
			seg, err = decodeSegmentData(data)
			return err
		})
	if err != nil {
		return app.NumberSegment{}, err
	}
	if seg.Count != int64(quantity) {
		// Granted, but not what was asked: keep it (it is ours now) and say so.
		c.log.Warn("乐企 granted another quantity than asked", "asked", quantity, "granted", seg.Count, "ywlsh", serial)
	}
	seg.Serial, seg.GrantedAt = serial, c.now()
	return seg, nil
}

// decodeSegmentData reads a granted segment. Both ends must be 20-digit
// numbers of one year, and lysl must count exactly the numbers between them.
func decodeSegmentData(data json.RawMessage) (app.NumberSegment, error) {
	var d segmentData
	if err := json.Unmarshal(data, &d); err != nil {
		return app.NumberSegment{}, fmt.Errorf("字段 Data 无法解析(%v)", err)
	}
	if d.Fpqshm.String() == "" || d.Fpzzhm.String() == "" {
		return app.NumberSegment{}, errors.New("字段 Data 缺少 fpqshm 或 fpzzhm")
	}
	seg, err := app.NewSegment(d.Fpqshm.String(), d.Fpzzhm.String())
	if err != nil {
		return app.NumberSegment{}, err
	}
	switch {
	case !d.Lysl.Valid:
		return app.NumberSegment{}, fmt.Errorf("lysl %q 不是整数", clip(d.Lysl.Raw))
	case d.Lysl.Value != seg.Count:
		return app.NumberSegment{}, fmt.Errorf("lysl 为 %d,而号码段 %s–%s 含 %d 个号码", d.Lysl.Value, seg.First, seg.Last, seg.Count)
	}
	return seg, nil
}
