package sandbox

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"time"

	"fapiao/app"
)

// pathServerIssue is 迅联云's hosted issuance, exactly as seed 003 gives it.
const pathServerIssue = "/sco-invoice-legged-biz/tax/output/openapi/serverIssue"

// statsServerIssue is how Stats counts serverIssue calls.
const statsServerIssue = "serverIssue"

// xunlianProviderName is what invoices issued through serverIssue say
// issued them.
const xunlianProviderName = "迅联云(沙箱)"

// providerOf names the provider of an invoice that came through channel.
func providerOf(channel string) string {
	if channel == channelXunlian {
		return xunlianProviderName
	}
	return providerName
}

// handleServerIssue issues an invoice for a 迅联云 account: authorize the
// data source and terminal, check the request as a strict platform would,
// then — in one transaction — answer a repeat of an application number
// from what it issued, or number and store the invoice (a red one
// reversing its blue invoice whole). Like blueTicket, an injected drop
// commits and then closes the connection unanswered; a repeat answered
// from what was committed never drops.
func (s *Server) handleServerIssue(w http.ResponseWriter, r *http.Request) {
	order, err := s.readServerIssue(w, r)
	if err != nil {
		s.log.Info("serverIssue refused", "reason", err.Error())
		s.writeXunlianFailure(w, err)
		return
	}
	out, fresh, err := s.issueXunlian(r.Context(), order)
	if err != nil {
		s.log.Info("serverIssue refused", "requisition", order.requisition, "reason", err.Error())
		s.writeXunlianFailure(w, err)
		return
	}
	s.log.Info("serverIssue answered", "requisition", order.requisition, "number", out.InvoiceNumber, "fresh", fresh)
	if fresh && s.shouldDrop() {
		s.log.Info("serverIssue answer dropped (injected)", "requisition", order.requisition)
		s.dropConnection(w)
		return
	}
	s.writeXunlianOK(w, out)
}

// readServerIssue reads, authorizes and checks a request.
func (s *Server) readServerIssue(w http.ResponseWriter, r *http.Request) (xlOrder, error) {
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mediaType != "application/json" {
		return xlOrder{}, &xlRefusal{code: xlCodeUnsupported, msg: fmt.Sprintf(
			"请求类型(Content-Type)%q 不支持:应为 application/json", r.Header.Get("Content-Type"))}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxFormBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return xlOrder{}, xlRefuse(fmt.Sprintf("请求体过大:最多%d字节", maxFormBytes))
		}
		return xlOrder{}, xlRefuse("请求体读取失败:" + err.Error())
	}
	req, err := decodeServerIssue(body)
	if err != nil {
		return xlOrder{}, xlRefuse(err.Error())
	}
	account, err := s.authorizeXunlian(req)
	if err != nil {
		return xlOrder{}, err
	}
	return checkServerIssue(req, account)
}

// authorizeXunlian finds the account the request names, and refuses a
// data source or terminal it does not know as unauthorized (401).
func (s *Server) authorizeXunlian(req serverIssueWire) (XunlianAccount, error) {
	resource := req.CompanyDataResource.String()
	account, ok := s.xunlianAccount(resource)
	switch {
	case resource == "":
		return account, &xlRefusal{code: xlCodeUnauthorized, msg: "数据来源未授权:数据来源(companyDataResource)不能为空"}
	case !ok:
		return account, &xlRefusal{code: xlCodeUnauthorized, msg: fmt.Sprintf(
			"数据来源未授权:数据来源(companyDataResource)%q 未在迅联云接入认证", clipText(resource))}
	case req.TerminalCode == "":
		return account, xlRefuse("终端编号(terminalCode)不能为空:开蓝票和红票都须填写")
	case req.TerminalCode.String() != account.TerminalCode:
		return account, &xlRefusal{code: xlCodeUnauthorized, msg: fmt.Sprintf(
			"终端编号未授权:终端编号(terminalCode)%q 不是数据来源 %s 的开票终端", clipText(req.TerminalCode.String()), resource)}
	}
	return account, nil
}

// issuedAtNow is the issue time of an invoice issued now: the sandbox
// clock, in China time, to the second.
func (s *Server) issuedAtNow() time.Time {
	return s.now().In(app.ChinaTime).Truncate(time.Second)
}
