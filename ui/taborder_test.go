package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

func TestTabGoesThroughTheBuyerThenTheLine(t *testing.T) {
	fx := newFixture(t)
	w := fx.open()
	f := w.form
	r := f.lines.rows[0]
	names := map[fyne.Focusable]string{
		f.buyer.name: "名称", f.buyer.taxID: "税号", f.buyer.natural: "个人", f.buyer.address: "地址",
		f.buyer.phone: "电话", f.buyer.bank: "开户银行", f.buyer.account: "账号", f.buyer.email: "邮箱",
		r.name: "项目名称", r.taxCode: "编码", r.spec: "规格", r.unit: "单位", r.quantity: "数量",
		r.price: "单价", r.amount: "金额", r.rate: "税率", r.taxIncluded: "含税", r.discount: "折扣",
		f.lines.addButton: "添加行",
	}
	c := w.win.Canvas()
	c.Focus(f.buyer.name)
	var order []string
	for range len(names) - 1 {
		c.FocusNext()
		name, ok := names[c.Focused()]
		if !ok {
			name = fmt.Sprintf("%T", c.Focused())
		}
		order = append(order, name)
	}
	want := "税号 个人 地址 电话 开户银行 账号 邮箱 项目名称 编码 规格 单位 数量 单价 金额 税率 含税 折扣 添加行"
	if got := strings.Join(order, " "); got != want {
		t.Errorf("Tab order:\n got %s\nwant %s", got, want)
	}
}
