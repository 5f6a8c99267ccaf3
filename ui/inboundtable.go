package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// loadingCell is shown in a cell whose page is on its way.
const loadingCell = "…"

// inboundGrid is widget.Table where Enter opens the highlighted row, as
// a tap does: a clerk moves through the rows with the arrow keys.
type inboundGrid struct {
	widget.Table
	highlighted int
	onEnter     func(row int)
}

// TypedKey opens the highlighted row on Enter and moves as a table does
// on the other keys.
func (g *inboundGrid) TypedKey(ev *fyne.KeyEvent) {
	if isEnter(ev) && g.onEnter != nil {
		g.onEnter(g.highlighted)
		return
	}
	g.Table.TypedKey(ev)
}

// inboundTable is the 进项发票 table: what the query matches, read a page
// at a time as it scrolls into view, sorted by the header the clerk tapped.
type inboundTable struct {
	grid    *inboundGrid
	columns []inboundColumn
	pages   *inboundPages
	count   int    // rows the query matches, from the totals
	sort    string // the store's sort name
	desc    bool
	onSort  func()                   // the sort changed: query again
	onOpen  func(app.InboundInvoice) // a row was tapped or Entered
}

func newInboundTable(pages *inboundPages, sort string, desc bool) *inboundTable {
	t := &inboundTable{columns: inboundColumns(), pages: pages, sort: sort, desc: desc}
	g := &inboundGrid{}
	g.Length = func() (int, int) { return t.count, len(t.columns) }
	g.CreateCell = func() fyne.CanvasObject {
		l := widget.NewLabel(loadingCell)
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	g.UpdateCell = t.updateCell
	g.ShowHeaderRow = true
	g.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.IconPlacement = widget.ButtonIconTrailingText
		return b
	}
	g.UpdateHeader = t.updateHeader
	g.OnSelected = func(id widget.TableCellID) {
		g.highlighted = id.Row // a tap moves the highlight without telling OnHighlighted
		g.Unselect(id)         // a second tap on the same row opens it again
		t.open(id.Row)
	}
	g.OnHighlighted = func(id widget.TableCellID) { g.highlighted = id.Row }
	g.onEnter = t.open
	g.ExtendBaseWidget(g)
	for i, c := range t.columns {
		g.SetColumnWidth(i, columnWidth(c))
	}
	t.grid = g
	return t
}

// columnWidth fits the caption with its sort arrow, and the widest
// sample value, measured as the header button and the cell label draw them.
func columnWidth(c inboundColumn) float32 {
	header := widget.NewButtonWithIcon(c.caption, theme.MenuDropDownIcon(), nil)
	header.Importance = widget.LowImportance
	width := header.MinSize().Width
	for _, sample := range c.samples {
		width = max(width, widget.NewLabel(sample).MinSize().Width)
	}
	return width + theme.Padding()
}

func (t *inboundTable) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	text, importance, alignment := t.cell(id.Row, id.Col)
	if l.Text == text && l.Importance == importance && l.Alignment == alignment {
		return
	}
	l.Text, l.Importance, l.Alignment = text, importance, alignment
	l.Refresh()
}

// cell is what row's cell in column col shows: "…" until its page is here.
func (t *inboundTable) cell(row, col int) (string, widget.Importance, fyne.TextAlign) {
	if col < 0 || col >= len(t.columns) {
		return "", widget.MediumImportance, fyne.TextAlignLeading
	}
	c := t.columns[col]
	alignment := fyne.TextAlignLeading
	if c.money {
		alignment = fyne.TextAlignTrailing
	}
	inv, ok := t.pages.row(row)
	if !ok {
		return loadingCell, widget.LowImportance, alignment
	}
	importance := widget.MediumImportance
	if c.importance != nil {
		importance = c.importance(inv)
	}
	return c.text(inv), importance, alignment
}

func (t *inboundTable) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 || id.Col >= len(t.columns) {
		return
	}
	c := t.columns[id.Col]
	b.Text, b.Icon, b.OnTapped = c.caption, nil, nil
	b.Alignment = widget.ButtonAlignLeading
	if c.money {
		b.Alignment = widget.ButtonAlignTrailing
	}
	if c.sort != "" {
		col := id.Col
		b.OnTapped = func() { t.sortBy(col) }
		if c.sort == t.sort {
			b.Icon = theme.MenuDropUpIcon()
			if t.desc {
				b.Icon = theme.MenuDropDownIcon()
			}
		}
	}
	b.Refresh()
}

// sortBy sorts by column col, ascending; by the same column again, the
// other way round.
func (t *inboundTable) sortBy(col int) {
	c := t.columns[col]
	if c.sort == "" {
		return
	}
	if c.sort == t.sort {
		t.desc = !t.desc
	} else {
		t.sort, t.desc = c.sort, false
	}
	if t.onSort != nil {
		t.onSort()
	}
}

// open shows row's details, when its page is here.
func (t *inboundTable) open(row int) {
	if row < 0 || row >= t.count || t.onOpen == nil {
		return
	}
	if inv, ok := t.pages.row(row); ok {
		t.onOpen(inv)
	}
}

// show sets how many rows there are and draws them again.
func (t *inboundTable) show(count int) {
	t.count = count
	t.grid.Refresh()
}
