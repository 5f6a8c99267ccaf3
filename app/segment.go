package app

import (
	"fmt"
	"math/big"
	"time"
)

// NumberSegment is a range of pre-assigned invoice numbers (预赋码) the
// bureau granted: First to Last inclusive. Numbers are 20-digit strings —
// above uint64's range — so arithmetic on them uses math/big.
type NumberSegment struct {
	ID        int64     `json:"id"`
	First     string    `json:"first"`
	Last      string    `json:"last"`
	Count     int64     `json:"count"`
	Year      int       `json:"year"`   // the year its numbers may be used in
	Serial    string    `json:"serial"` // the business serial (ywlsh) it was granted under
	GrantedAt time.Time `json:"granted_at"`
}

// MaxSegmentSize bounds a segment: more than any company issues in a year,
// small enough that storing it stays quick.
const MaxSegmentSize = 10_000_000

// NewSegment checks a granted range and counts it: both ends 20 digits, of
// the same year (digits 1–2), first ≤ last, at most MaxSegmentSize numbers.
// It handles ranges that cross a power of ten (…99999998 to …00000007).
func NewSegment(first, last string) (NumberSegment, error) {
	a, err := ParseInvoiceNumber(first)
	if err != nil {
		return NumberSegment{}, fmt.Errorf("起始号码 %q: %w", first, err)
	}
	b, err := ParseInvoiceNumber(last)
	if err != nil {
		return NumberSegment{}, fmt.Errorf("终止号码 %q: %w", last, err)
	}
	if a.Year != b.Year {
		return NumberSegment{}, fmt.Errorf("号码段 %s–%s 跨年度:起止号码的年份不同", first, last)
	}
	count := new(big.Int).Sub(numberInt(last), numberInt(first))
	count.Add(count, big.NewInt(1))
	if count.Sign() <= 0 {
		return NumberSegment{}, fmt.Errorf("号码段 %s–%s 无效:起始号码大于终止号码", first, last)
	}
	if count.Cmp(big.NewInt(MaxSegmentSize)) > 0 {
		return NumberSegment{}, fmt.Errorf("号码段 %s–%s 含 %s 个号码,超过上限 %d", first, last, count, MaxSegmentSize)
	}
	return NumberSegment{First: first, Last: last, Count: count.Int64(), Year: a.Year}, nil
}

// Nth is the segment's number at offset n (0 is First).
func (s NumberSegment) Nth(n int64) string {
	v := new(big.Int).Add(numberInt(s.First), big.NewInt(n))
	return fmt.Sprintf("%020s", v.String())
}

// Numbers calls fn with every number of the segment, in order, stopping at
// the first error.
func (s NumberSegment) Numbers(fn func(string) error) error {
	v := numberInt(s.First)
	one := big.NewInt(1)
	buf := make([]byte, 0, InvoiceNumberLength)
	for i := int64(0); i < s.Count; i++ {
		buf = v.Append(buf[:0], 10)
		if err := fn(padNumber(buf)); err != nil {
			return err
		}
		v.Add(v, one)
	}
	return nil
}

func padNumber(digits []byte) string {
	if len(digits) >= InvoiceNumberLength {
		return string(digits)
	}
	pad := make([]byte, InvoiceNumberLength-len(digits), InvoiceNumberLength)
	for i := range pad {
		pad[i] = '0'
	}
	return string(append(pad, digits...))
}

func numberInt(s string) *big.Int {
	v, _ := new(big.Int).SetString(s, 10)
	if v == nil {
		return new(big.Int)
	}
	return v
}
