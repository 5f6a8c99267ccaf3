package app

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func assertDec(t *testing.T, what string, got decimal.Decimal, want string) {
	t.Helper()
	if !got.Equal(dec(want)) {
		t.Errorf("%s = %s, want %s", what, got.String(), want)
	}
}

// testSeller is a valid seller for tests.
var testSeller = Party{Name: "北京民诺科技有限公司", TaxID: "9111011457319202X9",
	Address: "北京市昌平区", Phone: "010-12345678", Bank: "中国工商银行北京西三旗支行", Account: "0200240109200016984"}

// seedDraft is seed 001's example: one tax-inclusive line of 1.00 at 1%.
func seedDraft() Draft {
	return Draft{
		Type:  "82",
		Buyer: Party{Name: "上海某某科技有限公司", TaxID: "91510113MA6739XPX2"},
		Lines: []DraftLine{{
			Name: "*软件*票单云财税管理系统", TaxCode: "1060301020100000000", Spec: "V1", Unit: "年",
			Quantity: "1", Price: "1", Amount: "1", TaxRate: "0.01", TaxIncluded: true,
		}},
	}
}
