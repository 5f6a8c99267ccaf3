package store

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"fapiao/app"
)

// sellerFixture stores one invoice per seller, all to the same buyer
// (fullInbound's, tax ID 9111011457319202X9).
func sellerFixture(t *testing.T, sellers ...genSeller) *DB {
	t.Helper()
	db, _ := openTemp(t)
	page := make([]app.InboundInvoice, len(sellers))
	for i, s := range sellers {
		inv := fullInbound()
		inv.Number = fmt.Sprintf("%08d", i)
		inv.Key = app.InboundKey(inv.Code, inv.Number, inv.Type)
		inv.SellerName, inv.SellerTaxID = s.name, s.taxID
		page[i] = inv
	}
	upsertInbound(t, db, page, 1)
	return db
}

// named gives each name a seller of its own, all with the same tax ID.
func named(names ...string) []genSeller {
	sellers := make([]genSeller, len(names))
	for i, name := range names {
		sellers[i] = genSeller{name, "91510113MA6739XPX2"}
	}
	return sellers
}

// sellersOf returns the seller names a Seller query finds, sorted.
func sellersOf(t *testing.T, db *DB, seller string) []string {
	t.Helper()
	page, err := db.QueryInbound(context.Background(), app.InboundQuery{Seller: seller, Sort: "seller_name"})
	if err != nil {
		t.Fatalf("Seller %q: %v", seller, err)
	}
	names := make([]string, len(page))
	for i, inv := range page {
		names[i] = inv.SellerName
	}
	return names
}

func TestSellerSearch(t *testing.T) {
	db := sellerFixture(t,
		genSeller{"成都天府软件园有限公司", "91510113MA6739XPX2"},
		genSeller{"天府国际物流有限公司", "91510100MA61R8XC4J"},
		genSeller{"上海天府餐饮管理有限公司", "91440300MA5FXXXX1L"},
		genSeller{"北京华信科技有限公司", "91110108551385082Q"},
		genSeller{"Apple Computer Trading (Shanghai) Co., Ltd.", "913100007109307873"},
		genSeller{"深圳华为技术有限公司", "914403001922038216"},
	)
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"天府软件", []string{"成都天府软件园有限公司"}},                             // full text, 4 characters
		{"天府", []string{"上海天府餐饮管理有限公司", "天府国际物流有限公司", "成都天府软件园有限公司"}}, // 2: LIKE
		{"华", []string{"北京华信科技有限公司", "深圳华为技术有限公司"}},                   // 1: LIKE
		{" 科技有限 ", []string{"北京华信科技有限公司"}},                            // trimmed
		{"天府 物流", []string{"天府国际物流有限公司"}},                             // every word
		{"天府 有限公司", []string{"上海天府餐饮管理有限公司", "天府国际物流有限公司", "成都天府软件园有限公司"}},
		{"computer", []string{"Apple Computer Trading (Shanghai) Co., Ltd."}}, // case-insensitive
		{"co", []string{"Apple Computer Trading (Shanghai) Co., Ltd."}},
		{"华信天府", nil},
		{"民诺", nil},   // the buyer's name (LIKE), not a seller's
		{"民诺科技", nil}, // and through the trigram index
		// Text that looks like a tax ID matches the start of the seller's
		// tax ID, in either case: never its middle, never a name, never
		// the buyer's tax ID (every invoice here is to 9111011457319202X9).
		{"9151", []string{"天府国际物流有限公司", "成都天府软件园有限公司"}},
		{"915101", []string{"天府国际物流有限公司", "成都天府软件园有限公司"}},
		{"91510113", []string{"成都天府软件园有限公司"}},
		{"91440300ma", []string{"上海天府餐饮管理有限公司"}},
		{"914403", []string{"上海天府餐饮管理有限公司", "深圳华为技术有限公司"}},
		{"91110108551385082Q", []string{"北京华信科技有限公司"}},
		{"91110108551385082q", []string{"北京华信科技有限公司"}},
		{"0113MA", nil},
		{"9111011457319202X9", nil},
		{"9199", nil},
	} {
		if got := sellersOf(t, db, tc.query); !slices.Equal(got, sortedCopy(tc.want)) {
			t.Errorf("Seller %q found %q, want %q", tc.query, got, sortedCopy(tc.want))
		}
	}
}

func TestSellerTextIsLiteral(t *testing.T) {
	names := []string{
		`百分百%_公司`, `百分百X公司`, `下划线_A有限公司`, `下划线BA有限公司`, `奥莱利'S餐厅`, `引号"书店"有限公司`,
		`反斜杠\公司`, `普通贸易有限公司`,
	}
	db := sellerFixture(t, named(names...)...)
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"%", []string{`百分百%_公司`}},
		{"_", []string{`下划线_A有限公司`, `百分百%_公司`}},
		{"%_", []string{`百分百%_公司`}},
		{"百%_公", []string{`百分百%_公司`}},   // through the trigram index
		{"线_A有", []string{`下划线_A有限公司`}}, // not "any character"
		{"'", []string{`奥莱利'S餐厅`}},
		{"利'S餐", []string{`奥莱利'S餐厅`}},
		{`"`, []string{`引号"书店"有限公司`}},
		{`"书店"`, []string{`引号"书店"有限公司`}},
		{`号"书`, []string{`引号"书店"有限公司`}},
		{`\`, []string{`反斜杠\公司`}},
		{`斜杠\公`, []string{`反斜杠\公司`}},
		{`' OR '1'='1`, nil},
		{`") OR ("有限`, nil},
		{`*`, nil},
		{`有限 NOT 贸易`, nil},
	} {
		if got := sellersOf(t, db, tc.query); !slices.Equal(got, sortedCopy(tc.want)) {
			t.Errorf("Seller %q found %q, want %q", tc.query, got, sortedCopy(tc.want))
		}
	}
}

func sortedCopy(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	if len(out) == 0 {
		return []string{}
	}
	return out
}

func TestTheNameIndexFollowsItsTable(t *testing.T) {
	// The store only adds names; the triggers keep the trigram index right
	// whatever else is done to them.
	db := sellerFixture(t, named("天府国际物流有限公司", "北京华信科技有限公司")...)
	for _, stmt := range []string{
		`UPDATE inbound_names SET name = '重庆山城物流有限公司' WHERE name = '天府国际物流有限公司'`,
		`DELETE FROM inbound_names WHERE name = '北京华信科技有限公司'`,
	} {
		if _, err := db.writer.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	for match, want := range map[string]int64{
		`"山城物"`: 1, `"国际物"`: 0, `"华信科"`: 0,
		`"有限公"`: 2, // the renamed seller and the buyer, 北京民诺科技有限公司
	} {
		if n := countRows(t, db, `SELECT COUNT(*) FROM inbound_names_fts WHERE inbound_names_fts MATCH ?`, match); n != want {
			t.Errorf("MATCH %s: %d names, want %d", match, n, want)
		}
	}
	if _, err := db.writer.Exec(`INSERT INTO inbound_names_fts (inbound_names_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Errorf("the trigram index differs from its table: %v", err)
	}
}
