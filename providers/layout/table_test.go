package layout

import (
	"testing"
)

// rowsOfHeight builds rows of one line each (height rowLineStep+rowPadding);
// rows at the given indexes are discount lines.
func rowsOfHeight(n int, discounts ...int) []tableRow {
	rows := make([]tableRow, n)
	for i := range rows {
		rows[i].cells[colName] = []string{string(rune('A' + i%26))}
		rows[i].cells[colAmount] = []string{string(rune('0' + i%10))}
	}
	for _, d := range discounts {
		rows[d].withPrevious = true
	}
	return rows
}

func countRows(pages [][]tableRow) int {
	n := 0
	for _, p := range pages {
		n += len(p)
	}
	return n
}

func TestPaginateFitsOnePageWhenTheTotalsFit(t *testing.T) {
	h := rowsOfHeight(1)[0].height()
	pages := paginate(rowsOfHeight(4), 10*h, 4*h)
	if len(pages) != 1 || len(pages[0]) != 4 {
		t.Fatalf("pages = %d (first %d rows), want all 4 rows on one page", len(pages), len(pages[0]))
	}
}

func TestPaginateMovesRowsOffTheLastPageToMakeRoomForTotals(t *testing.T) {
	h := rowsOfHeight(1)[0].height()
	// 6 rows fit a full page but only 4 fit above the totals.
	pages := paginate(rowsOfHeight(6), 10*h, 4*h)
	if len(pages) != 2 {
		t.Fatalf("pages = %d, want 2", len(pages))
	}
	if got := blocksHeight(pages[1]); got > 4*h+1e-9 {
		t.Errorf("last page holds %.1f mm of rows, over the %.1f mm above the totals", got, 4*h)
	}
	if countRows(pages) != 6 {
		t.Errorf("pagination kept %d of 6 rows", countRows(pages))
	}
}

func TestPaginateKeepsEveryRowInOrderAcrossManyPages(t *testing.T) {
	h := rowsOfHeight(1)[0].height()
	rows := rowsOfHeight(60)
	pages := paginate(rows, 15*h, 8*h)
	i := 0
	for p, page := range pages {
		if p < len(pages)-1 && blocksHeight(page) > 15*h+1e-9 {
			t.Errorf("page %d holds %.1f mm, over a full page", p+1, blocksHeight(page))
		}
		for _, r := range page {
			if r.cells[colName][0] != rows[i].cells[colName][0] || r.cells[colAmount][0] != rows[i].cells[colAmount][0] {
				t.Fatalf("page %d: row %d out of order", p+1, i)
			}
			i++
		}
	}
	if i != 60 {
		t.Errorf("pagination kept %d of 60 rows", i)
	}
	if len(pages) != 5 { // 15+15+15+15 would leave nothing for the totals
		t.Errorf("pages = %d, want 5", len(pages))
	}
}

func TestPaginateNeverSeparatesADiscountLineFromItsLine(t *testing.T) {
	h := rowsOfHeight(1)[0].height()
	// Row 5 is the discount of row 4; a page of 5 rows would split them.
	pages := paginate(rowsOfHeight(8, 5), 5*h, 5*h)
	for p, page := range pages {
		if page[0].withPrevious {
			t.Errorf("page %d starts with a discount line", p+1)
		}
	}
	if countRows(pages) != 8 {
		t.Errorf("pagination kept %d of 8 rows", countRows(pages))
	}
}

func TestPaginateWithNoLinesGivesOnePage(t *testing.T) {
	if pages := paginate(nil, 50, 20); len(pages) != 1 {
		t.Errorf("pages = %d, want 1 (the totals still need a page)", len(pages))
	}
}
