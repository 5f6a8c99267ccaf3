package layout

import "fapiao/app"

// column is one column of the line table.
type column struct {
	title       string
	left, right float64
	align       alignment
	wraps       bool // text columns wrap; number columns shrink to fit
}

// Column indexes into columns.
const (
	colName = iota
	colSpec
	colUnit
	colQuantity
	colPrice
	colAmount
	colRate
	colTax
	colCount
)

// columns spans the frame (frameLeft to frameRight) as the bureau's layout
// does: wide name column, amounts right-aligned.
var columns = [colCount]column{
	colName:     {"项目名称", frameLeft, 66, alignLeft, true},
	colSpec:     {"规格型号", 66, 90, alignLeft, true},
	colUnit:     {"单位", 90, 102, alignCenter, true},
	colQuantity: {"数量", 102, 126, alignRight, false},
	colPrice:    {"单价", 126, 154, alignRight, false},
	colAmount:   {"金额", 154, 182, alignRight, false},
	colRate:     {"税率/征收率", 182, 202, alignCenter, false},
	colTax:      {"税额", 202, frameRight, alignRight, false},
}

const (
	cellPadding  = 1.5 // mm inside each side of a cell
	rowLineStep  = 3.5 // mm between wrapped lines of a row
	rowPadding   = 1.2 // mm of a row's height not taken by its lines
	minCellSize  = 6.0 // pt: numbers shrink no further
	firstBaseAdd = 3.1 // mm from a row's top to its first baseline
)

var cellStyle = style{size: 8, color: ink}

// tableRow is one invoice line laid out: each cell's lines and style.
type tableRow struct {
	cells  [colCount][]string
	styles [colCount]style
	// withPrevious keeps a discount line on the page of the line it discounts.
	withPrevious bool
}

func (r tableRow) height() float64 {
	lines := 1
	for _, c := range r.cells {
		lines = max(lines, len(c))
	}
	return float64(lines)*rowLineStep + rowPadding
}

// buildRows lays out every invoice line, measuring with s.
func buildRows(s *sheet, lines []app.Line) []tableRow {
	rows := make([]tableRow, len(lines))
	for i, l := range lines {
		texts := [colCount]string{
			colName: l.Name, colSpec: l.Spec, colUnit: l.Unit,
			colQuantity: quantity(l.Quantity), colPrice: quantity(l.PriceExclTax()),
			colAmount: money(l.AmountExcl), colRate: percent(l.TaxRate), colTax: money(l.Tax),
		}
		row := tableRow{withPrevious: l.Nature == app.NatureDiscount && i > 0}
		for c, text := range texts {
			col := columns[c]
			inner := col.right - col.left - 2*cellPadding
			if col.wraps {
				row.styles[c] = cellStyle
				row.cells[c] = s.wrap(text, inner, cellStyle)
			} else {
				row.styles[c] = s.fit(text, inner, cellStyle, minCellSize)
				row.cells[c] = []string{text}
			}
		}
		rows[i] = row
	}
	return rows
}

// drawRows writes rows from the top y down.
func (s *sheet) drawRows(rows []tableRow, y float64) {
	for _, row := range rows {
		for c, lines := range row.cells {
			col := columns[c]
			for k, text := range lines {
				s.writeAligned(col.left+cellPadding, col.right-cellPadding,
					y+firstBaseAdd+float64(k)*rowLineStep, text, row.styles[c], col.align)
			}
		}
		y += row.height()
	}
}

// paginate splits rows into pages. Every page holds up to fullHeight of
// rows; the last one, which also carries the totals and remark, only
// lastHeight. A discount line never starts a page without its discounted line.
func paginate(rows []tableRow, fullHeight, lastHeight float64) [][]tableRow {
	blocks := groupBlocks(rows)
	var pages [][]tableRow
	var page []tableRow
	used := 0.0
	for _, b := range blocks {
		h := blocksHeight(b)
		if used+h > fullHeight && len(page) > 0 {
			pages = append(pages, page)
			page, used = nil, 0
		}
		page = append(page, b...)
		used += h
	}
	if used <= lastHeight {
		return append(pages, page)
	}
	// The last page is too full for the totals: its tail moves to a page of
	// its own.
	tail := groupBlocks(page)
	split, tailHeight := len(tail), 0.0
	for split > 0 && tailHeight+blocksHeight(tail[split-1]) <= lastHeight {
		split--
		tailHeight += blocksHeight(tail[split])
	}
	return append(pages, flatten(tail[:split]), flatten(tail[split:]))
}

// groupBlocks groups each row with the discount lines that follow it.
func groupBlocks(rows []tableRow) [][]tableRow {
	var blocks [][]tableRow
	for i, r := range rows {
		if r.withPrevious && len(blocks) > 0 {
			blocks[len(blocks)-1] = append(blocks[len(blocks)-1], rows[i])
			continue
		}
		blocks = append(blocks, rows[i:i+1:i+1])
	}
	return blocks
}

func blocksHeight(rows []tableRow) float64 {
	h := 0.0
	for _, r := range rows {
		h += r.height()
	}
	return h
}

func flatten(blocks [][]tableRow) []tableRow {
	var rows []tableRow
	for _, b := range blocks {
		rows = append(rows, b...)
	}
	return rows
}
