package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// layout is the form (scrolling) beside the capabilities, over the
// result and the buttons. The form comes first in the window's objects,
// so Tab runs from the provider down the fields to the buttons. Fields
// are taken in in the order they appear, so errors focus the first.
func (s *settingsScreen) layout() fyne.CanvasObject {
	seller := newFormGrid(2, boxes(s.add(sellerFields()...))...)
	s.piaodanyun = s.piaodanyunSection()
	s.xunlian = container.NewVBox(sectionTitle(providerName(app.ProviderXunlian)), newFormGrid(2, boxes(s.add(xunlianFields()...))...))
	body := container.NewVBox(s.loadProblem, s.keyringNote,
		sectionTitle(lang.X("settings.provider", "开票服务")), s.provider, s.providerErr, s.sandboxNote,
		sectionTitle(lang.X("settings.seller", "销方信息")), seller,
		s.piaodanyun, s.xunlian, s.leqiSection(), s.inboundSection())
	actions := container.NewHBox(s.test, s.save)
	bottom := container.NewVBox(widget.NewSeparator(), container.NewPadded(container.NewVBox(
		s.summary, s.progress, s.result, container.NewBorder(nil, nil, nil, actions))))
	side := container.NewPadded(s.caps.content)
	return container.NewBorder(nil, bottom, nil, side, container.NewVScroll(container.NewPadded(body)))
}

func (s *settingsScreen) piaodanyunSection() fyne.CanvasObject {
	account := s.add(piaodanyunFields()...)
	password := s.addSecret(app.SecretPiaodanyunPassword)
	etax := s.addSecret(app.SecretEtaxPassword)
	// One grid, so that its captions line up.
	grid := newFormGrid(2, append(boxes(account), password.field, password.env.box, etax.field, etax.env.box)...)
	return container.NewVBox(sectionTitle(providerName(app.ProviderPiaodanyun)), grid, s.partialRed)
}

func (s *settingsScreen) leqiSection() fyne.CanvasObject {
	conn := s.add(leqiFields()...)
	key := s.addSecret(app.SecretLeqiKey)
	pool := s.add(leqiPoolFields()...)
	return container.NewVBox(sectionTitle(lang.X("settings.leqi", "乐企(预赋码号码池)")),
		noteLabel(lang.X("settings.leqi_note", "乐企直连开票时必填;其他开票服务可选,填写服务地址后启用预赋码号码池。"), widget.MediumImportance),
		newFormGrid(2, append(append(boxes(conn), key.field, key.env.box), boxes(pool)...)...))
}

func (s *settingsScreen) inboundSection() fyne.CanvasObject {
	conn := s.add(inboundFields()...)
	secret := s.addSecret(app.SecretInbound)
	ids := s.add(inboundIDFields()...)
	return container.NewVBox(sectionTitle(lang.X("settings.inbound", "进项同步")),
		noteLabel(lang.X("settings.inbound_note", "可选:填写服务地址后可同步进项发票(S000621)。"), widget.MediumImportance),
		newFormGrid(2, append(append(boxes(conn), secret.field, secret.env.box), boxes(ids)...)...))
}
