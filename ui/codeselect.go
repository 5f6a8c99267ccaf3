package ui

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// codeSelect chooses one code of a list, shown by its label, or 全部 (the
// code ""). The clerk's choice runs changed; setCode does not.
type codeSelect struct {
	*widget.Select
	codes []string // codes[i] is shown as Options[i+1]; Options[0] is 全部
}

func newCodeSelect(codes []string, label func(string) string, changed func()) *codeSelect {
	options := []string{lang.X("inbound.filter.all", "全部")}
	for _, c := range codes {
		options = append(options, label(c))
	}
	c := &codeSelect{codes: codes}
	c.Select = widget.NewSelect(options, func(string) { changed() })
	c.Select.Selected = options[0]
	return c
}

// code is the chosen code, "" for 全部.
func (c *codeSelect) code() string {
	for i, o := range c.Options[1:] {
		if o == c.Selected {
			return c.codes[i]
		}
	}
	return ""
}

// setCode shows code chosen ("" or an unknown code: 全部), quietly.
func (c *codeSelect) setCode(code string) {
	c.Select.Selected = c.Options[0]
	for i, k := range c.codes {
		if k == code {
			c.Select.Selected = c.Options[i+1]
		}
	}
	c.Select.Refresh()
}
