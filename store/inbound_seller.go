package store

import (
	"strings"
	"unicode/utf8"
)

// minTrigram is the shortest text the trigram index can find: it indexes
// every three characters of a name, so two characters match no entry.
const minTrigram = 3

// addSellerFilter narrows w to the sellers text names. Text that looks
// like a tax ID (letters and digits with at least one digit, as a clerk
// copies one) matches the start of the seller's tax ID. Otherwise each
// word of it (split at spaces) must occur in the seller's name. The words
// are looked for in inbound_names, the few thousand names the invoices
// bear, not in the invoices: words of three or more characters through
// its trigram index, shorter ones with LIKE; the invoices of the names
// found are then read through the index on seller_name. Either way the
// clerk's text is an argument and literal: % _ ' " and \ are characters
// to find, not syntax.
func addSellerFilter(w *sqlWhere, text string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	if looksLikeTaxID(text) {
		prefix := strings.ToUpper(text)
		w.add("seller_tax_id >= ? AND seller_tax_id < ?", prefix, prefixEnd(prefix))
		return
	}
	names := &sqlWhere{}
	var phrases []string
	for _, word := range strings.Fields(text) {
		if utf8.RuneCountInString(word) >= minTrigram {
			phrases = append(phrases, ftsPhrase(word))
		} else {
			names.add(`name LIKE ? ESCAPE '\'`, containsPattern(word))
		}
	}
	if len(phrases) > 0 {
		names.add("id IN (SELECT rowid FROM inbound_names_fts WHERE inbound_names_fts MATCH ?)",
			strings.Join(phrases, " AND "))
	}
	w.add("seller_name IN (SELECT name FROM inbound_names"+names.sql()+")", names.args...)
}

// looksLikeTaxID: ASCII letters and digits only, with a digit. A company
// name in Latin letters ("IBM") has no digit; a tax ID prefix always has
// one within its first characters.
func looksLikeTaxID(text string) bool {
	digit := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c >= '0' && c <= '9':
			digit = true
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z':
		default:
			return false
		}
	}
	return digit
}

// prefixEnd is the first text after every text starting with prefix, for
// a range an index can seek: prefix is ASCII letters and digits, so
// raising its last byte is enough. A range instead of LIKE 'prefix%',
// which SQLite only runs through an index when it is case-insensitive.
func prefixEnd(prefix string) string {
	last := len(prefix) - 1
	return prefix[:last] + string(rune(prefix[last]+1))
}

// ftsPhrase quotes a word as an FTS5 string: inside double quotes nothing
// is syntax, and a double quote is written twice.
func ftsPhrase(word string) string {
	return `"` + strings.ReplaceAll(word, `"`, `""`) + `"`
}
