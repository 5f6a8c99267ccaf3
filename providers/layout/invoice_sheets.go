package layout

import (
	"fmt"

	"fapiao/app"
)

// Page geometry in mm, after the bureau's 电子发票 layout: a 241 × 140 mm
// landscape page, a header with the QR code, title and number, then one
// frame holding the parties, the line table, the totals and the remark.
const (
	pageWidth  = 241.0
	pageHeight = 140.0

	frameLeft   = 10.0
	frameRight  = 231.0
	frameMiddle = (frameLeft + frameRight) / 2
	frameTop    = 30.0
	frameBottom = 129.0
	frameWidth  = 0.4
	ruleWidth   = 0.3

	sideLabelWidth = 7.0   // the narrow columns labelled 购买方信息, 备注
	partyBottom    = 52.0  // parties end, the table head starts
	headBaseline   = 56.2  // column titles
	rowsTop        = 58.5  // first table row
	sumTop         = 100.0 // 合计 row, last page only
	sumBottom      = 105.0
	wordsBottom    = 113.0 // 价税合计 row ends, 备注 starts
	wordsLabelEnd  = 46.0  // the 价税合计（大写） label cell
	footerBaseline = 135.0
)

var (
	labelStyle = style{size: 9, color: bureauRed}
	valueStyle = style{size: 9, color: ink}
	headStyle  = style{size: 8.5, color: bureauRed}
	titleStyle = style{size: 17, color: bureauRed}
)

// layoutInvoice draws the invoice on as many sheets as its lines need.
func layoutInvoice(inv app.Invoice) ([]*sheet, error) {
	fonts, err := loadFonts()
	if err != nil {
		return nil, err
	}
	rows := buildRows(newSheet(&fonts), inv.Lines)
	pages := paginate(rows, frameBottom-1-rowsTop, sumTop-rowsTop)
	sheets := make([]*sheet, len(pages))
	for i, pageRows := range pages {
		s := newSheet(&fonts)
		last := i == len(pages)-1
		if err := s.drawHeader(inv, i+1, len(pages)); err != nil {
			return nil, err
		}
		s.drawFrame(last)
		s.drawParty(frameLeft, frameMiddle, "购买方信息", inv.Buyer)
		s.drawParty(frameMiddle, frameRight, "销售方信息", inv.Seller)
		for _, col := range columns {
			s.writeAligned(col.left, col.right, headBaseline, col.title, headStyle, alignCenter)
		}
		s.drawRows(pageRows, rowsTop)
		if last {
			s.drawTotals(inv)
			s.drawRemark(inv.Remark)
		}
		s.write(40, footerBaseline, "开票人：", labelStyle)
		s.write(40+s.width("开票人：", labelStyle), footerBaseline, inv.Drawer, valueStyle)
		sheets[i] = s
	}
	return sheets, nil
}

// drawHeader draws the QR code, the title with its double rule, the number
// and date, and on multi-page invoices the page count.
func (s *sheet) drawHeader(inv app.Invoice, page, pages int) error {
	if err := s.drawQR(13, 5, 21, checkString(inv)); err != nil {
		return err
	}
	text := title(inv.Type)
	w := s.width(text, titleStyle)
	x := (pageWidth - w) / 2
	s.write(x, 16, text, titleStyle)
	for _, y := range []float64{18.6, 19.5} {
		s.line(x-2, y, x+w+2, y, ruleWidth, bureauRed)
	}

	const right = 168.0
	s.labelled(right, 13, "发票号码：", inv.Number)
	s.labelled(right, 19.5, "开票日期：", printedDate(inv.IssuedAt))
	if pages > 1 {
		s.write(right, 26, fmt.Sprintf("共%d页 第%d页", pages, page), labelStyle)
	}
	return nil
}

// labelled writes a red label and its black value after it.
func (s *sheet) labelled(x, y float64, label, value string) float64 {
	w := s.write(x, y, label, labelStyle)
	return w + s.write(x+w, y, value, valueStyle)
}

// drawFrame draws the outer frame and the rules that divide it. The line
// table has no rules of its own, as on the bureau's layout.
func (s *sheet) drawFrame(last bool) {
	c := bureauRed
	s.line(frameLeft, frameTop, frameRight, frameTop, frameWidth, c)
	s.line(frameLeft, frameBottom, frameRight, frameBottom, frameWidth, c)
	s.line(frameLeft, frameTop, frameLeft, frameBottom, frameWidth, c)
	s.line(frameRight, frameTop, frameRight, frameBottom, frameWidth, c)

	s.line(frameLeft, partyBottom, frameRight, partyBottom, ruleWidth, c)
	s.line(frameMiddle, frameTop, frameMiddle, partyBottom, ruleWidth, c)
	s.line(frameLeft+sideLabelWidth, frameTop, frameLeft+sideLabelWidth, partyBottom, ruleWidth, c)
	s.line(frameMiddle+sideLabelWidth, frameTop, frameMiddle+sideLabelWidth, partyBottom, ruleWidth, c)
	if !last {
		return
	}
	s.line(frameLeft, sumBottom, frameRight, sumBottom, ruleWidth, c)
	s.line(frameLeft, wordsBottom, frameRight, wordsBottom, ruleWidth, c)
	s.line(wordsLabelEnd, sumBottom, wordsLabelEnd, wordsBottom, ruleWidth, c)
	s.line(frameLeft+sideLabelWidth, wordsBottom, frameLeft+sideLabelWidth, frameBottom, ruleWidth, c)
}

// drawParty fills one party box: its side label, name and tax ID.
func (s *sheet) drawParty(left, right float64, label string, p app.Party) {
	s.verticalLabel(left, left+sideLabelWidth, frameTop, partyBottom, label, labelStyle)
	x := left + sideLabelWidth + 2
	limit := right - 2

	nameLabel := "名称："
	w := s.write(x, frameTop+9, nameLabel, labelStyle)
	s.writeFitted(x+w, limit, frameTop+9, p.Name, valueStyle)

	idLabel := "统一社会信用代码/纳税人识别号："
	w = s.write(x, frameTop+17, idLabel, labelStyle)
	s.writeFitted(x+w, limit, frameTop+17, p.TaxID, valueStyle)
}

// writeFitted writes text on the baseline y between x and limit: shrunk
// down to 7 pt if that makes it fit, else wrapped onto two lines around y.
func (s *sheet) writeFitted(x, limit, y float64, text string, st style) {
	const minSize = 7
	st = s.fit(text, limit-x, st, minSize)
	if s.width(text, st) <= limit-x {
		s.write(x, y, text, st)
		return
	}
	lines := s.wrap(text, limit-x, st)
	step := st.size * mmPerPt * 1.15
	top := y - step*float64(len(lines)-1)/2
	for i, line := range lines {
		s.write(x, top+float64(i)*step, line, st)
	}
}

// drawTotals draws the 合计 row and the 价税合计 row.
func (s *sheet) drawTotals(inv app.Invoice) {
	base := sumTop + 3.4
	name := columns[colName]
	s.writeAligned(name.left, name.right, base, "合　　计", labelStyle, alignCenter)
	amount, tax := columns[colAmount], columns[colTax]
	s.writeAligned(amount.left, amount.right-cellPadding, base, yuan(inv.TotalAmount), valueStyle, alignRight)
	s.writeAligned(tax.left, tax.right-cellPadding, base, yuan(inv.TotalTax), valueStyle, alignRight)

	mid := (sumBottom + wordsBottom) / 2
	base = mid + 1.2
	s.writeAligned(frameLeft, wordsLabelEnd, base, "价税合计（大写）", labelStyle, alignCenter)
	s.drawCircledCross(wordsLabelEnd+4, mid, 1.6)
	s.write(wordsLabelEnd+7, base, inv.TotalInWords(), style{size: 9.5, color: ink})
	w := s.write(165, base, "（小写）", labelStyle)
	s.write(165+w, base, yuan(inv.Total), style{size: 9.5, bold: true, color: ink})
}

// drawCircledCross draws ⊗, which the bureau prints before the capital
// total so nothing can be written in front of it.
func (s *sheet) drawCircledCross(cx, cy, r float64) {
	s.circle(cx, cy, r, 0.25, ink)
	d := r * 0.7071
	s.line(cx-d, cy-d, cx+d, cy+d, 0.25, ink)
	s.line(cx-d, cy+d, cx+d, cy-d, 0.25, ink)
}

// drawRemark fills the 备注 box, shrinking the text if it would overflow.
func (s *sheet) drawRemark(remark string) {
	s.verticalLabel(frameLeft, frameLeft+sideLabelWidth, wordsBottom, frameBottom, "备注", labelStyle)
	left := frameLeft + sideLabelWidth + 2
	width := frameRight - 2 - left
	st := style{size: 8.5, color: ink}
	var lines []string
	for {
		lines = s.wrap(remark, width, st)
		if st.size <= 6 || float64(len(lines))*st.size*mmPerPt*1.3 <= frameBottom-wordsBottom-2 {
			break
		}
		st.size -= 0.5
	}
	step := st.size * mmPerPt * 1.3
	for i, line := range lines {
		s.write(left, wordsBottom+1+step*float64(i+1)-step*0.25, line, st)
	}
}
