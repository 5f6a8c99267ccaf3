package sandbox

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// The made-up supplier whose red-letter forms fill a fresh buyer-side
// inbox. Its credit code passes the GB 32100-2015 check digit.
const (
	DemoSupplierTaxID = "91500107MA60DEMQ1L" // 重庆 (province 50)
	DemoSupplierName  = "重庆示例供应链有限公司"
	demoSupplierUser  = "demo-supplier"
	demoBuyerName     = "本单位(沙箱演示购方)" // the sandbox knows our company only by its tax ID
)

// demoLine is a line of the supplier's made-up blue invoice.
type demoLine struct {
	name, taxCode, spec, unit string
	quantity, price           int64 // exclusive of tax, at 13%
}

// demoLines are goods (tax codes starting with 1), so that the form's
// reason, 02 销货退回, fits them.
var demoLines = []demoLine{
	{"*计算机外部设备*激光打印机", "1090511030000000000", "LP-2200", "台", 2, 1500},
	{"*纸制品*A4复印纸", "1060103020000000000", "70g 500张/包", "箱", 50, 25},
	{"*计算机配套产品*无线键盘", "1090512990000000000", "K-100", "个", 5, 120},
}

var demoRate = decimal.RequireFromString("0.13")

// addIncomingForm makes another made-up blue invoice from the demo
// supplier to buyerTaxID and a form against it, waiting for the buyer's
// answer (02): the supplier takes back one printer. It returns the form's
// number.
func (s *Server) addIncomingForm(ctx context.Context, buyerTaxID string) (string, error) {
	var number string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		number, err = s.seedIncomingTx(ctx, tx, buyerTaxID)
		return err
	})
	return number, err
}

// AddIncomingRedForm is addIncomingForm for tests and tools: one more form
// for buyerTaxID's inbox.
func (s *Server) AddIncomingRedForm(buyerTaxID string) (string, error) {
	if err := app.ValidateTaxID(buyerTaxID); err != nil {
		return "", fmt.Errorf("sandbox: buyer tax ID: %w", err)
	}
	return s.addIncomingForm(context.Background(), buyerTaxID)
}

// seedIncomingTx is addIncomingForm inside the caller's transaction.
func (s *Server) seedIncomingTx(ctx context.Context, tx *sql.Tx, buyerTaxID string) (string, error) {
	now := s.now().Truncate(time.Second)
	blue, err := demoBlueInvoice(buyerTaxID, now.Add(-72*time.Hour))
	if err != nil {
		return "", err
	}
	if err := s.issueTx(ctx, tx, &blue, nil); err != nil {
		return "", fmt.Errorf("demo blue invoice: %w", err)
	}
	printer := blue.Lines[0]
	line := redFormLine{BlueSeq: 1, Quantity: decimal.NewNullDecimal(decimal.NewFromInt(-1)),
		AmountExcl: printer.Price.Decimal.Neg(), Tax: app.RoundMoney(printer.Price.Decimal.Mul(demoRate)).Neg()}
	number, err := nextFormNumber(ctx, tx, DemoSupplierTaxID, now)
	if err != nil {
		return "", err
	}
	f := redForm{
		Number: number, UUID: newUUIDHex(), BlueID: blue.ID, BlueNumber: blue.Number,
		SellerTaxID: DemoSupplierTaxID, SellerName: DemoSupplierName, BuyerTaxID: buyerTaxID,
		Reason: app.RedReasonReturn, Applicant: applicantSeller, Username: demoSupplierUser,
		State: app.RedFormAwaitingBuyer, AppliedAt: now, Lines: []redFormLine{line},
	}
	f.TotalAmount, f.TotalTax = formTotals(f.Lines)
	return number, insertRedForm(ctx, tx, f)
}

// demoBlueInvoice is the supplier's made-up invoice to buyerTaxID.
func demoBlueInvoice(buyerTaxID string, issuedAt time.Time) (issuedInvoice, error) {
	token, err := newToken()
	if err != nil {
		return issuedInvoice{}, err
	}
	inv := issuedInvoice{
		Invoice: app.Invoice{
			RequestSerial: DemoSupplierTaxID + "_DEMO" + randomAlnum(16),
			Type:          app.TypeSpecial, Status: app.StatusIssued, Provider: providerName,
			IssuedAt: issuedAt.In(app.ChinaTime),
			Seller: app.Party{Name: DemoSupplierName, TaxID: DemoSupplierTaxID,
				Address: "重庆市九龙坡区科园一路 023-68000000", Bank: "中国建设银行重庆科园支行 50001083600050200000"},
			Buyer:  app.Party{Name: demoBuyerName, TaxID: buyerTaxID},
			Drawer: "李四",
		},
		Username: demoSupplierUser, LevyMethod: "0", FileToken: token,
	}
	for _, d := range demoLines {
		q, p := decimal.NewFromInt(d.quantity), decimal.NewFromInt(d.price)
		amount := q.Mul(p)
		excl, tax := app.SplitTax(amount, demoRate, false)
		inv.Lines = append(inv.Lines, app.Line{
			Name: d.name, TaxCode: d.taxCode, Spec: d.spec, Unit: d.unit,
			Quantity: decimal.NewNullDecimal(q), Price: decimal.NewNullDecimal(p),
			Amount: amount, TaxRate: demoRate, AmountExcl: excl, Tax: tax,
		})
	}
	inv.ApplyTotals()
	return inv, nil
}
