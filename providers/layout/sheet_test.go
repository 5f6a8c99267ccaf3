package layout

import (
	"strings"
	"testing"

	"fapiao/app"
)

func testFonts(t *testing.T) *[faceCount]fontFile {
	t.Helper()
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	return &fonts
}

func TestSplitRunsSendsLatinToNotoAndChineseToDroid(t *testing.T) {
	fonts := testFonts(t)
	got := splitRuns(fonts, "名称：A&B 公司¥1.00（小写）", false)
	want := []run{
		{faceCJK, "名称："}, {faceLatin, "A&B "}, {faceCJK, "公司"},
		{faceLatin, "¥1.00"}, {faceCJK, "（小写）"},
	}
	if len(got) != len(want) {
		t.Fatalf("runs = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("run %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	bold := splitRuns(fonts, "¥1", true)
	if len(bold) != 1 || bold[0].face != faceLatinBold {
		t.Errorf("bold runs = %+v, want one run in the bold Latin face", bold)
	}
}

func TestSplitRunsReplacesRunesNoFontHas(t *testing.T) {
	fonts := testFonts(t)
	got := splitRuns(fonts, "a⊗b", false) // ⊗ is in neither face
	if len(got) != 1 || got[0].text != "a?b" {
		t.Errorf("runs = %+v, want one Latin run \"a?b\"", got)
	}
}

func TestWrapBreaksChineseWithinWidthAndKeepsNewlines(t *testing.T) {
	s := newSheet(testFonts(t))
	text := strings.Repeat("信息技术服务", 8) + "\n第二段"
	lines := s.wrap(text, 40, cellStyle)
	if len(lines) < 3 {
		t.Fatalf("wrap gave %d lines, want the 48 characters split and the newline kept: %q", len(lines), lines)
	}
	if lines[len(lines)-1] != "第二段" {
		t.Errorf("last line = %q, want the paragraph after the newline", lines[len(lines)-1])
	}
	if got := strings.Join(lines, ""); got != strings.ReplaceAll(text, "\n", "") {
		t.Errorf("wrapping lost or changed text: %q", got)
	}
	for _, l := range lines {
		if w := s.width(l, cellStyle); w > 40 {
			t.Errorf("line %q is %.1f mm wide, over 40", l, w)
		}
	}
}

func TestFitShrinksUntilTextFits(t *testing.T) {
	s := newSheet(testFonts(t))
	text := "12345678.12345678"
	wide := s.width(text, cellStyle)
	st := s.fit(text, wide*0.8, cellStyle, 4)
	if st.size >= cellStyle.size || s.width(text, st) > wide*0.8 {
		t.Errorf("fit gave %.1f pt (%.1f mm), want smaller than %.1f pt and within %.1f mm",
			st.size, s.width(text, st), cellStyle.size, wide*0.8)
	}
	if got := s.fit("1", 100, cellStyle, 4); got.size != cellStyle.size {
		t.Errorf("fit shrank text that fits: %.1f pt", got.size)
	}
}

// longInvoice stretches every field to its limit: the longest names, a
// full remark, eight-decimal quantities and large amounts.
func longInvoice(t *testing.T) app.Invoice {
	longName := strings.Repeat("长", 50)
	d := app.Draft{Type: "81", Drawer: "欧阳某某某某某",
		Buyer:  app.Party{Name: longName, TaxID: "91510113MA6739XPX2"},
		Remark: strings.Repeat("备注内容", 26) + "AB"}
	l := app.DraftLine{Name: "*信息技术服务*" + strings.Repeat("服", 39), TaxCode: "1060301020100000000",
		Spec: strings.Repeat("规", 20), Unit: "千克每立方", Quantity: "12345.12345678", Price: "8100.3645156",
		Amount: "99999999.99", TaxRate: "0.13", TaxIncluded: false}
	d.Lines = []app.DraftLine{l, l}
	inv := issue(t, d)
	return inv
}

// TestLayoutNothingOverlapsOrLeavesThePage checks every drawn run of every
// test invoice: inside the page, and no two runs on the same line sharing
// horizontal space.
func TestLayoutNothingOverlapsOrLeavesThePage(t *testing.T) {
	invoices := map[string]app.Invoice{
		"seed": seedInvoice(t), "discount": discountInvoice(t), "60 lines": manyLinesInvoice(t, 60),
		"markup": markupInvoice(t), "red": redOf(discountInvoice(t)), "long fields": longInvoice(t),
	}
	for name, inv := range invoices {
		sheets, err := layoutInvoice(inv)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for p, s := range sheets {
			checkSheet(t, name, p, s)
		}
	}
}

func checkSheet(t *testing.T, name string, page int, s *sheet) {
	t.Helper()
	type span struct {
		text           string
		x1, x2, y, top float64
	}
	var spans []span
	for _, it := range s.texts {
		w := s.width(it.text, style{size: it.size, bold: it.face == faceLatinBold})
		h := it.size * mmPerPt
		spans = append(spans, span{it.text, it.x, it.x + w, it.y, it.y - h})
		if it.x < 0 || it.x+w > pageWidth || it.y-h < 0 || it.y > pageHeight {
			t.Errorf("%s page %d: %q at (%.1f, %.1f) leaves the page", name, page+1, it.text, it.x, it.y)
		}
	}
	const eps = 0.05
	for i, a := range spans {
		for _, b := range spans[i+1:] {
			sameLine := a.top < b.y-eps && b.top < a.y-eps
			if sameLine && a.x1 < b.x2-eps && b.x1 < a.x2-eps {
				t.Errorf("%s page %d: %q [%.1f–%.1f, y %.1f] overlaps %q [%.1f–%.1f, y %.1f]",
					name, page+1, a.text, a.x1, a.x2, a.y, b.text, b.x1, b.x2, b.y)
			}
		}
	}
}

func TestAmountsAreRightAlignedInTheirColumns(t *testing.T) {
	sheets, err := layoutInvoice(discountInvoice(t))
	if err != nil {
		t.Fatal(err)
	}
	s := sheets[0]
	want := map[string]float64{
		"100.00": columns[colAmount].right - cellPadding, "-11.50": columns[colAmount].right - cellPadding,
		"13.00": columns[colTax].right - cellPadding, "-1.50": columns[colTax].right - cellPadding,
	}
	found := 0
	for _, it := range s.texts {
		right, ok := want[it.text]
		if !ok {
			continue
		}
		found++
		end := it.x + s.width(it.text, style{size: it.size})
		if diff := end - right; diff > 0.01 || diff < -0.01 {
			t.Errorf("%q ends at %.2f mm, want %.2f (right-aligned)", it.text, end, right)
		}
	}
	if found != len(want) {
		t.Errorf("found %d of the %d amounts on the page", found, len(want))
	}
}
