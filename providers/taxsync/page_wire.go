package taxsync

import "encoding/json"

// wirePage is the JSON inside a successful answer's content. InvoiceList is
// either a flat list (with count and, for period queries, skssq) or — rzzt
// 40 with adapter=1 — an object of tax periods, each an object of kinds (FP,
// HGJKS) holding lists, with no count.
type wirePage struct {
	PageSize    flexInt         `json:"pageSize"`
	CurrentPage flexInt         `json:"currentPage"`
	Count       flexInt         `json:"count"`
	InvoiceList json.RawMessage `json:"InvoiceList"`
	Skssq       flexString      `json:"skssq"`
}

// wireInvoice is one entry of InvoiceList: seed 002's field table, both of
// its examples, and the adapter format's extra fields.
type wireInvoice struct {
	BillingDate      flexString  `json:"billingDate"`
	Deductible       flexString  `json:"deductible"`
	DeductibleDate   flexString  `json:"deductibleDate"`
	DeductiblePeriod flexString  `json:"deductiblePeriod"`
	DeductibleType   flexString  `json:"deductibleType"`
	DeductibleMode   flexString  `json:"deductibleMode"`
	InvoiceCode      flexString  `json:"invoiceCode"`
	InvoiceNumber    flexString  `json:"invoiceNumber"`
	InvoiceType      flexString  `json:"invoiceType"`
	PurchaserName    flexString  `json:"purchaserName"`
	PurchaserTaxNo   flexString  `json:"purchaserTaxNo"`
	SalesTaxName     flexString  `json:"salesTaxName"`
	SalesTaxNo       flexString  `json:"salesTaxNo"`
	State            flexString  `json:"state"`
	TotalAmount      flexDecimal `json:"totalAmount"`
	TotalTax         flexDecimal `json:"totalTax"`
	ValidTax         flexDecimal `json:"validTax"`
	CheckStatus      flexString  `json:"checkStatus"`
	CheckDate        flexString  `json:"checkDate"`
	ManagementStatus flexString  `json:"managementStatus"`
	AbnormalType     flexString  `json:"abnormalType"`
	CheckCode        flexString  `json:"checkCode"`
	Ylzd2            flexString  `json:"ylzd2"`    // 是否录入不符项
	Ylzd3            flexString  `json:"ylzd3"`    // 转内销证明编号
	Ylzd4            flexString  `json:"ylzd4"`    // 不抵扣类型
	Ylzd5            flexString  `json:"ylzd5"`    // 全电纸质发票的全电发票号码
	TdyslxDm         flexString  `json:"tdyslxDm"` // 业务类型

	// The adapter format's own fields.
	ID        flexString `json:"id"`
	Source    flexString `json:"source"`
	CheckTime flexString `json:"checkTime"`
	TqBj      flexString `json:"tq_bj"`
	XgSj      flexString `json:"xg_sj"`
}

// Kinds of entry in the adapter format, and the invoice type of a customs
// voucher (海关缴款书), which is of kind HGJKS wherever it appears.
const (
	kindInvoice        = "FP"
	kindCustomsVoucher = "HGJKS"
	typeCustomsVoucher = "17"
)
