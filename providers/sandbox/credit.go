package sandbox

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// pathCreditLine is getCreditLine's path in seed 001.
const pathCreditLine = "/qdjk/allElectricInvoice/getCreditLine"

// creditMinInterval is the bureau's limit on credit-line queries per seller.
const creditMinInterval = 30 * time.Second

// msgCreditTooSoon refuses a query within creditMinInterval of the last one.
const msgCreditTooSoon = "查询授信额度过于频繁,请30秒后再试"

// creditLineData is getCreditLine's answer, key for key as seed 001's
// second example: every figure a string with two decimals.
type creditLineData struct {
	Total        string `json:"zsxed"`   // 总授信额度
	Count        string `json:"kjlpzs"`  // invoices issued
	Remaining    string `json:"sysxed"`  // 剩余授信额度
	IssuedTax    string `json:"fpejse"`  // Σ tax of the invoices issued
	Used         string `json:"ysysxed"` // 已使用授信额度
	IssuedAmount string `json:"fphjje"`  // Σ amount excluding tax of the invoices issued
}

// handleCreditLine answers getCreditLine. A blue invoice consumes its
// amount excluding tax; a red invoice, negative, gives it back. The
// figures are over every invoice the seller issued.
func (s *Server) handleCreditLine(w http.ResponseWriter, r *http.Request) {
	form, ok := readForm(w, r)
	if !ok {
		return
	}
	taxID, err := sellerParams(form)
	if err != nil {
		writeRefusal(w, err.Error())
		return
	}
	if _, ok := s.sessionReady(w, r, taxID, needLogin); !ok {
		return
	}
	if !s.creditQueryAllowed(taxID) {
		writeRefusal(w, msgCreditTooSoon)
		return
	}
	d, err := s.creditLine(r.Context(), taxID)
	if s.answeredFailure(w, "getCreditLine", err) {
		return
	}
	writeOKMessage(w, msgOK, d)
}

// creditQueryAllowed applies the 30 s limit, counting from the last query
// let through, and records this one. The times are kept in memory only: a
// restart forgets them.
func (s *Server) creditQueryAllowed(taxID string) bool {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if last, ok := s.creditAsked[taxID]; ok && now.Sub(last) < creditMinInterval {
		return false
	}
	s.creditAsked[taxID] = now
	return true
}

// creditLine sums the seller's invoices. The sums are made here with
// decimals: SQLite would add the TEXT amounts as floating point.
func (s *Server) creditLine(ctx context.Context, taxID string) (creditLineData, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT total_amount, total_tax FROM invoices WHERE seller_tax_id = ?`, taxID)
	if err != nil {
		return creditLineData{}, err
	}
	defer rows.Close()
	var amount, tax decimal.Decimal
	count := 0
	for rows.Next() {
		var a, t string
		var da, dt decimal.Decimal
		if err := rows.Scan(&a, &t); err != nil {
			return creditLineData{}, err
		}
		if err := scanDecimals(decimalField{a, &da}, decimalField{t, &dt}); err != nil {
			return creditLineData{}, err
		}
		amount, tax, count = amount.Add(da), tax.Add(dt), count+1
	}
	if err := rows.Err(); err != nil {
		return creditLineData{}, err
	}
	total := s.opts.CreditLine
	return creditLineData{
		Total: app.FormatMoney(total), Count: strconv.Itoa(count),
		Remaining: app.FormatMoney(total.Sub(amount)), IssuedTax: app.FormatMoney(tax),
		Used: app.FormatMoney(amount), IssuedAmount: app.FormatMoney(amount),
	}, nil
}
