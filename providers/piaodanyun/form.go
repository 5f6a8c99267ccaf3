package piaodanyun

import "net/url"

// form builds a request body field by field. Fields the seed marks required
// are always sent; optional ones only when they have a value, so the server
// never sees a field we did not mean to set.
type form url.Values

func (f form) required(key, value string) { url.Values(f).Set(key, value) }

func (f form) optional(key, value string) {
	if value != "" {
		url.Values(f).Set(key, value)
	}
}

func (f form) values() url.Values { return url.Values(f) }
