package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fapiao/app"

	"github.com/shopspring/decimal"
)

// The inbound benchmarks, each paired with a baseline for `make bench`:
//
//   - Upsert100k: a sync's writes, 100,000 invoices in pages of 1,000,
//     against the same rows inserted raw in one transaction.
//   - Page1M: a clerk's page queries (100 rows and the totals) on a
//     million invoices, against reading 100 rows in rowid order.

const (
	benchUpsertCount = 100_000
	benchUpsertPage  = 1000
	bench1MRows      = 1_000_000
	bench1MQueries   = 200
	// benchSellers is how many suppliers the company has bought from.
	benchSellers = 5000
	benchSeed    = 2025
)

// BenchmarkInboundUpsert100k stores 100,000 generated invoices through
// UpsertInbound into a fresh database, 1,000 to a page as a sync does:
// a transaction per page (committed with synchronous FULL), one lookup
// of the page's keys, and an insert per invoice into the table, its 15
// indexes and, through the triggers, the seller names.
func BenchmarkInboundUpsert100k(b *testing.B) {
	invs := asSynced(generateInbound(benchUpsertCount, benchSeed, benchSellers))
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		db, _ := openTemp(b)
		b.StartTimer()
		for page := range slices.Chunk(invs, benchUpsertPage) {
			if _, err := db.UpsertInbound(ctx, page, 1); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportInvoicesPerSecond(b, len(invs))
}

// BenchmarkInboundUpsert100kBaseline inserts the same rows, already
// turned into column values, into a fresh database of the same schema in
// one transaction with one prepared INSERT: no lookup, no comparison, one
// commit. The indexes and triggers are the store's, and they fire here
// too (the names and their trigram index): the baseline is what SQLite
// needs to hold these rows searchable, so the ratio is what the store
// adds on top — above all a durable commit per page.
func BenchmarkInboundUpsert100kBaseline(b *testing.B) {
	rows := inboundRowsOf(b, asSynced(generateInbound(benchUpsertCount, benchSeed, benchSellers)))
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		raw := rawDatabase(b)
		b.StartTimer()
		insertInboundRaw(b, raw, rows)
	}
	reportInvoicesPerSecond(b, len(rows))
}

// asSynced puts invoices in the order a sync stores them: status by
// status (app.InboundStatuses), each newest first, as the bureau lists
// them (and the sandbox does).
func asSynced(invs []app.InboundInvoice) []app.InboundInvoice {
	slices.SortStableFunc(invs, func(a, b app.InboundInvoice) int {
		if c := cmp.Compare(slices.Index(app.InboundStatuses, a.Status), slices.Index(app.InboundStatuses, b.Status)); c != 0 {
			return c
		}
		return b.BillingDate.Compare(a.BillingDate)
	})
	return invs
}

func inboundRowsOf(b *testing.B, invs []app.InboundInvoice) [][]any {
	rows := make([][]any, len(invs))
	for i := range invs {
		var err error
		if rows[i], err = inboundArgs(&invs[i]); err != nil {
			b.Fatal(err)
		}
	}
	return rows
}

func insertInboundRaw(b *testing.B, raw *sql.DB, rows [][]any) {
	tx, err := raw.Begin()
	if err != nil {
		b.Fatal(err)
	}
	insert, err := tx.Prepare(sqlInboundInsert)
	if err != nil {
		b.Fatal(err)
	}
	for _, r := range rows {
		if _, err := insert.Exec(r...); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkInboundPage1M runs 200 of a clerk's queries on a million
// invoices, each a page of 100 (QueryInbound) and its totals
// (TotalInbound), and reports the 50th and 95th percentile (and the
// slowest) of the time a query and its totals take.
//
// It also reports memory, sampled after a collection while a page is
// held: heap-MB, the Go heap in use, and anon-MB, all the memory the
// process owns (Go's and SQLite's, which allocates outside the Go heap;
// the mapped database file is not counted, it is the OS's page cache).
// Outside the timing it then exports 300,000 invoices with EachInbound,
// sampling the same way every 50,000: export-heap-MB shows that an export
// holds one invoice at a time, not all of them.
func BenchmarkInboundPage1M(b *testing.B) {
	db := open1M(b)
	queries := clerkQueries(bench1MQueries)
	ctx := context.Background()
	var (
		took       []time.Duration
		heap, anon uint64
	)
	b.ResetTimer()
	for range b.N {
		for i, q := range queries {
			start := time.Now()
			page, err := db.QueryInbound(ctx, q)
			if err != nil {
				b.Fatal(err)
			}
			totals, err := db.TotalInbound(ctx, q)
			if err != nil {
				b.Fatal(err)
			}
			took = append(took, time.Since(start))
			if len(page) == 0 || totals.Count == 0 {
				b.Fatalf("query %d (%+v) matched nothing: the benchmark measures nothing", i, q)
			}
			if i%20 == 0 {
				b.StopTimer()
				h, a := memoryInUse()
				heap, anon = max(heap, h), max(anon, a)
				runtime.KeepAlive(page)
				b.StartTimer()
			}
		}
	}
	b.StopTimer()
	reportLatencies(b, took)
	b.ReportMetric(float64(heap)/(1<<20), "heap-MB")
	if anon > 0 {
		b.ReportMetric(float64(anon)/(1<<20), "anon-MB")
	}
	b.ReportMetric(float64(exportHeap(b, db))/(1<<20), "export-heap-MB")
}

// exportHeap streams the invoices of the two commonest types, about
// 300,000, newest first, and returns the most heap in use while it did.
func exportHeap(b *testing.B, db *DB) uint64 {
	var most uint64
	n := 0
	err := db.EachInbound(context.Background(), app.InboundQuery{Types: []string{"09", "90"}},
		func(inv app.InboundInvoice) error {
			if n++; n%50_000 == 0 {
				h, _ := memoryInUse()
				most = max(most, h)
			}
			return nil
		})
	if err != nil || n < 200_000 {
		b.Fatalf("exported %d invoices: %v", n, err)
	}
	return most
}

// BenchmarkInboundPage1MBaseline reads as many pages of 100 from the same
// database without filter, order or totals: the rows in rowid order from
// where each query's page starts.
func BenchmarkInboundPage1MBaseline(b *testing.B) {
	db := open1M(b)
	queries := clerkQueries(bench1MQueries)
	ctx := context.Background()
	var took []time.Duration
	b.ResetTimer()
	for range b.N {
		for _, q := range queries {
			start := time.Now()
			n := 0
			err := db.eachRow(ctx, `SELECT `+inboundColumns+` FROM inbound_invoices ORDER BY id LIMIT 100 OFFSET ?`,
				[]any{q.Offset}, func(app.InboundInvoice) error { n++; return nil })
			if err != nil || n != 100 {
				b.Fatalf("%d rows, %v", n, err)
			}
			took = append(took, time.Since(start))
		}
	}
	reportLatencies(b, took)
}

func reportLatencies(b *testing.B, took []time.Duration) {
	slices.Sort(took)
	at := func(p float64) float64 {
		return float64(took[int(p*float64(len(took)-1))]) / float64(time.Millisecond)
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.95), "p95-ms")
	b.ReportMetric(at(1), "max-ms")
}

// memoryInUse returns, after a collection, the Go heap in use and the
// anonymous memory of the process (Linux's RssAnon; 0 elsewhere): what
// the store holds, not garbage waiting to be collected.
func memoryInUse() (heap, anon uint64) {
	debug.FreeOSMemory() // collects, and returns what is free to the OS
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse, rssAnon()
}

// rssAnon reads RssAnon from /proc/self/status, or 0.
func rssAnon() uint64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(line, "RssAnon:"); ok {
			var kb uint64
			fmt.Sscan(rest, &kb)
			return kb << 10
		}
	}
	return 0
}

// clerkQueries makes n queries of the kinds a clerk makes, in a random
// (seeded) mix: unchecked or checked invoices of a few months by amount;
// a seller by a word of its name or a tax ID prefix; the risky ones; a
// tax period; a type in an amount range. Most ask for the first page, a
// few page on.
func clerkQueries(n int) []app.InboundQuery {
	rng := rand.New(rand.NewPCG(benchSeed, 1))
	sellers := newInboundGen(benchSeed, benchSellers).sellers
	kinds := []func() app.InboundQuery{
		func() app.InboundQuery {
			from := genStart.AddDate(0, rng.IntN(33), 0)
			status := []app.InboundStatus{app.InboundUnchecked, app.InboundPastPeriods, app.InboundChecked}[rng.IntN(3)]
			return app.InboundQuery{Statuses: []app.InboundStatus{status}, From: from,
				To: from.AddDate(0, 1+rng.IntN(3), -1), Sort: "amount", Desc: rng.IntN(4) > 0}
		},
		func() app.InboundQuery { return app.InboundQuery{Seller: sellerText(rng, sellers)} },
		func() app.InboundQuery {
			return app.InboundQuery{Risks: [][]string{{"1", "2"}, {"2"}, {"3", "4"}, {"1", "2", "3", "4", "5", "6"}}[rng.IntN(4)]}
		},
		func() app.InboundQuery {
			q := app.InboundQuery{Period: genStart.AddDate(0, rng.IntN(36), 0).Format("200601")}
			if rng.IntN(2) == 0 {
				q.Sort, q.Desc = "valid_tax", true
			}
			return q
		},
		func() app.InboundQuery {
			types := [][]string{{"09"}, {"90"}, {"09", "90"}, {"01", "10"}, {"51", "61"}}[rng.IntN(5)]
			low := decimal.New(1, int32(1+rng.IntN(5))) // 10 … 100,000
			return app.InboundQuery{Types: types, MinAmount: decimal.NewNullDecimal(low),
				MaxAmount: decimal.NewNullDecimal(low.Mul(decimal.New(int64(2+rng.IntN(9)), 0)))}
		},
	}
	queries := make([]app.InboundQuery, n)
	for i := range queries {
		queries[i] = kinds[rng.IntN(len(kinds))]()
		if rng.IntN(4) == 0 {
			queries[i].Offset = 100 * (1 + rng.IntN(4))
		}
	}
	return queries
}

// sellerText is what a clerk types to find a seller: a word of its name
// (two characters, or four), or the first 6 to 18 characters of its tax
// ID.
func sellerText(rng *rand.Rand, sellers []genSeller) string {
	s := sellers[rng.IntN(rng.IntN(len(sellers))+1)] // the frequent ones more often, as generated
	name := []rune(s.name)
	switch rng.IntN(4) {
	case 0:
		return string(name[2:4]) // the word after the city: LIKE
	case 1:
		return string(name[:4]) // city and word: the trigram index
	case 2:
		return fmt.Sprintf("%s %s", string(name[2:4]), string(name[len(name)-6:len(name)-4]))
	}
	return s.taxID[:6+rng.IntN(13)]
}

// The million-invoice database is built once per run of the test binary
// and shared by the benchmarks, which only read it; TestMain removes it.
var bench1M struct {
	once      sync.Once
	dir, path string
	err       error
}

// open1M opens the million-invoice database, building it first if this
// run has not.
func open1M(b *testing.B) *DB {
	b.Helper()
	bench1M.once.Do(func() {
		start := time.Now()
		bench1M.dir, bench1M.err = os.MkdirTemp("", "fapiao-bench-")
		if bench1M.err == nil {
			bench1M.path = filepath.Join(bench1M.dir, "inbound-1m.db")
			bench1M.err = build1M(bench1M.path)
		}
		b.Logf("built %d invoices into %s in %v", bench1MRows, bench1M.path, time.Since(start).Round(time.Millisecond))
	})
	if bench1M.err != nil {
		b.Fatalf("building the million-invoice database: %v", bench1M.err)
	}
	db, err := Open(bench1M.path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// removeBench1M deletes the million-invoice database, if it was built.
func removeBench1M() {
	if bench1M.dir != "" {
		os.RemoveAll(bench1M.dir)
	}
}

// build1M creates the store's schema at path and fills it with
// bench1MRows generated invoices the fast way: the invoice table's
// indexes are dropped, the rows inserted in a few big transactions
// without journal or fsync (the triggers fill the seller names and their index), and
// then the indexes are created again from their own SQL: sorting a
// million entries once is much faster than inserting them one by one. The
// result is the database of a store that synced a million invoices, built
// in a fraction of the time UpsertInbound would take (about three minutes
// at 5,000 a second).
func build1M(path string) error {
	db, err := Open(path)
	if err != nil {
		return err
	}
	if err := db.Close(); err != nil {
		return err
	}
	// No journal: the file is written once, not once into the log and
	// again at checkpoints. The store's Open turns WAL back on.
	raw, err := sql.Open("sqlite", path+"?_pragma=journal_mode(OFF)&_pragma=synchronous(OFF)"+
		"&_pragma=cache_size(-262144)&_pragma=temp_store(memory)")
	if err != nil {
		return err
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	recreate, err := dropInboundIndexes(raw)
	if err != nil {
		return err
	}
	if err := fill1M(raw); err != nil {
		return err
	}
	for _, ddl := range recreate {
		if _, err := raw.Exec(ddl); err != nil {
			return fmt.Errorf("%.60s: %w", ddl, err)
		}
	}
	return nil
}

// dropInboundIndexes drops the indexes of inbound_invoices (not the key's,
// which keeps keys unique) and returns their SQL.
func dropInboundIndexes(raw *sql.DB) ([]string, error) {
	rows, err := raw.Query(`SELECT name, sql FROM sqlite_schema
		WHERE tbl_name = 'inbound_invoices' AND type = 'index' AND sql IS NOT NULL`)
	if err != nil {
		return nil, err
	}
	var drops, creates []string
	for rows.Next() {
		var name, ddl string
		if err := rows.Scan(&name, &ddl); err != nil {
			rows.Close()
			return nil, err
		}
		drops, creates = append(drops, "DROP INDEX "+name), append(creates, ddl)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, d := range drops {
		if _, err := raw.Exec(d); err != nil {
			return nil, err
		}
	}
	return creates, nil
}

// fill1M inserts bench1MRows invoices, generated one at a time (a
// million of them at once would take a gigabyte) on a goroutine of their
// own while the previous ones are inserted, 100 to a statement.
func fill1M(raw *sql.DB) error {
	const perStatement, perTx = 100, 100_000
	batches := make(chan []any, 8)
	go func() {
		defer close(batches)
		gen := newInboundGen(benchSeed, benchSellers)
		for range bench1MRows / perStatement {
			batch := make([]any, 0, perStatement*len(inboundFields))
			for range perStatement {
				inv := gen.next()
				args, err := inboundArgs(&inv)
				if err != nil {
					panic(err) // generated invoices are valid; TestGeneratedInboundIsValid says so
				}
				batch = append(batch, args...)
			}
			batches <- batch
		}
	}()
	row := "(" + strings.Repeat("?, ", len(inboundFields)-1) + "?)"
	query := `INSERT INTO inbound_invoices (` + inboundColumns + `) VALUES ` +
		strings.Repeat(row+", ", perStatement-1) + row
	var tx *sql.Tx
	var insert *sql.Stmt
	for n := 0; ; n += perStatement {
		batch, more := <-batches
		if tx != nil && (n%perTx == 0 || !more) {
			if err := tx.Commit(); err != nil {
				return err
			}
			tx = nil
		}
		if !more {
			return nil
		}
		if tx == nil {
			var err error
			if tx, err = raw.Begin(); err != nil {
				return err
			}
			if insert, err = tx.Prepare(query); err != nil {
				return err
			}
		}
		if _, err := insert.Exec(batch...); err != nil {
			return err
		}
	}
}
