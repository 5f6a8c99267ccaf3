package sandbox

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"fapiao/app"
)

// leqiChannel is the issuing-channel digit (5th) of the numbers QDFPPLFM
// grants: '1' for 乐企, where the 票单云 gateway's numbers carry '2'.
const leqiChannel = '1'

// maxSegmentRequest is the most numbers one QDFPPLFM call may ask for.
const maxSegmentRequest = 100_000

// maxBusinessSerial is the longest ywlsh the platform takes.
const maxBusinessSerial = 64

// segmentRequest is QDFPPLFM's request. lysl is a number; a string of
// digits is taken too (seed 000's example writes it as a string).
type segmentRequest struct {
	TaxID    string          `json:"nsrsbh"`
	Quantity json.RawMessage `json:"lysl"`  // 领用数量
	Serial   string          `json:"ywlsh"` // 业务流水号
}

// segmentData is QDFPPLFM's Data, as seed 000's example: lysl a string.
type segmentData struct {
	leqiResult
	First string `json:"fpqshm"` // 发票起始号码
	Last  string `json:"fpzzhm"` // 发票终止号码
	Count string `json:"lysl"`
}

// serveSegment grants the next lysl numbers of the current year to the
// seller (QDFPPLFM), or — asked again under the same ywlsh — the numbers it
// granted then.
func (s *Server) serveSegment(ctx context.Context, body []byte) (leqiAnswer, error) {
	var req segmentRequest
	if err := decodeLeqiRequest(body, &req); err != nil {
		return leqiAnswer{}, err
	}
	count, err := checkSegmentRequest(req, s.opts.LeqiPlatform)
	if err != nil {
		return leqiAnswer{}, err
	}
	g, fresh, err := s.grantSegment(ctx, req.TaxID, req.Serial, count)
	if err != nil {
		return leqiAnswer{}, err
	}
	s.log.Info("QDFPPLFM granted", "nsrsbh", g.TaxID, "ywlsh", req.Serial, "first", g.First, "last", g.Last, "new", fresh)
	return leqiAnswer{committed: fresh, data: segmentData{leqiResult: leqiSuccess,
		First: g.First, Last: g.Last, Count: strconv.FormatInt(g.Count, 10)}}, nil
}

// checkSegmentRequest checks the seller, the quantity and the business
// serial, and returns the quantity.
func checkSegmentRequest(req segmentRequest, platform string) (int64, error) {
	if err := checkLeqiTaxID(req.TaxID); err != nil {
		return 0, err
	}
	text := string(req.Quantity)
	var quoted string
	if json.Unmarshal(req.Quantity, &quoted) == nil {
		text = quoted
	}
	count, err := strconv.ParseInt(text, 10, 64)
	if err != nil || count < 1 || count > maxSegmentRequest {
		return 0, refuseLeqi(leqiBadParam, "领用数量(lysl)%s 无效:应为1到%d的整数", clipText(text), maxSegmentRequest)
	}
	return count, checkBusinessSerial(req.Serial, platform)
}

// clipText shortens what a refusal quotes of a request.
func clipText(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	if s == "" {
		return "(空)"
	}
	return s
}

// checkLeqiTaxID refuses a missing or invalid nsrsbh.
func checkLeqiTaxID(taxID string) error {
	if taxID == "" {
		return refuseLeqi(leqiBadParam, "纳税人识别号(nsrsbh)不能为空")
	}
	if err := app.ValidateTaxID(taxID); err != nil {
		return refuseLeqi(leqiBadParam, "纳税人识别号(nsrsbh)%s", err.Message)
	}
	return nil
}

// checkBusinessSerial enforces ywlsh = the platform number, once, then the
// unit's own part: seed 000's sample script put the number in twice.
func checkBusinessSerial(serial, platform string) error {
	bad := func(format string, args ...any) error {
		return refuseLeqi(leqiBadSerial, msgLeqiBadSerial+":"+format, args...)
	}
	suffix, ok := strings.CutPrefix(serial, platform)
	switch {
	case serial == "":
		return bad("业务流水号(ywlsh)不能为空")
	case !ok:
		return bad("业务流水号(ywlsh)应以接入单位平台编号 %s 开头", platform)
	case strings.Contains(suffix, platform):
		return bad("接入单位平台编号 %s 在业务流水号(ywlsh)中只能出现一次", platform)
	case suffix == "":
		return bad("业务流水号(ywlsh)在接入单位平台编号之后须有自定义部分")
	case len(serial) > maxBusinessSerial:
		return bad("业务流水号(ywlsh)最长%d个字符,当前%d个", maxBusinessSerial, len(serial))
	case !isCode(suffix):
		return bad("业务流水号(ywlsh)只能包含字母、数字、- 和 _")
	}
	return nil
}

// segmentGrant is a segment as granted.
type segmentGrant struct {
	TaxID       string
	First, Last string
	Count       int64
}
