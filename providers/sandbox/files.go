package sandbox

import (
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"fapiao/app"
	"fapiao/providers/layout"
)

// downflag values of getInvoicePdfOfd.
const (
	downflagPDF  = "1"
	downflagOFD  = "2"
	downflagXML  = "3"
	downflagURLs = "4"
)

var downflagFormats = map[string]app.DocFormat{
	downflagPDF: app.FormatPDF, downflagOFD: app.FormatOFD, downflagXML: app.FormatXML,
}

// contentTypes of the layout files.
var contentTypes = map[app.DocFormat]string{
	app.FormatPDF: "application/pdf",
	app.FormatOFD: "application/ofd",
	app.FormatXML: "application/xml; charset=utf-8",
}

// fileLinks is the downflag 4 answer.
type fileLinks struct {
	PDF string `json:"pdfUrl"`
	OFD string `json:"ofdUrl"`
	XML string `json:"xmlUrl"`
}

// handleLayoutFiles answers getInvoicePdfOfd: the file itself, base64
// (downflag 1–3), or links to the three files (downflag 4, or always when
// Options.LayoutAsURLs, as some gateways do).
func (s *Server) handleLayoutFiles(w http.ResponseWriter, r *http.Request) {
	form, ok := readForm(w, r)
	if !ok {
		return
	}
	downflag := field(form, "downflag")
	key := invoiceKey{SellerTaxID: field(form, "nsrsbh"), Number: field(form, "fphm")}
	if err := firstError(
		required("获取版式类型(downflag)", downflag),
		oneOf("获取版式类型(downflag)", downflag, "应为 1(PDF)、2(OFD)、3(XML)或 4(下载地址)",
			downflagPDF, downflagOFD, downflagXML, downflagURLs),
		required("纳税人识别号(nsrsbh)", key.SellerTaxID),
		required("发票号码(fphm)", key.Number),
	); err != nil {
		writeRefusal(w, err.Error())
		return
	}
	inv, ok := s.invoiceOrRefuse(w, r, key)
	if !ok {
		return
	}
	if kprq := field(form, "kprq"); kprq != "" && !sameIssueTime(kprq, inv.IssuedAt) {
		writeRefusal(w, "开票日期(kprq)"+kprq+" 与发票不符")
		return
	}
	if downflag == downflagURLs || s.opts.LayoutAsURLs {
		writeOK(w, s.links(r, inv))
		return
	}
	file, err := s.render(inv, downflagFormats[downflag])
	if err != nil {
		s.log.Error("render layout file", "number", inv.Number, "err", err)
		writeHTTPError(w, http.StatusInternalServerError, "版式文件生成失败")
		return
	}
	writeOK(w, base64.StdEncoding.EncodeToString(file))
}

func required(label, value string) error {
	if value == "" {
		return errors.New(label + "不能为空")
	}
	return nil
}

func (s *Server) invoiceOrRefuse(w http.ResponseWriter, r *http.Request, key invoiceKey) (issuedInvoice, bool) {
	inv, err := s.findInvoice(r.Context(), key)
	if errors.Is(err, app.ErrNotFound) {
		writeRefusal(w, msgNotFound)
		return inv, false
	}
	if err != nil {
		s.log.Error("load invoice", "err", err)
		writeHTTPError(w, http.StatusInternalServerError, "查询失败:税局系统内部错误")
		return inv, false
	}
	return inv, true
}

// sameIssueTime accepts the issue time as yyyyMMddHHmmss (the documented
// format) or yyyy-MM-dd HH:mm:ss (what blueTicket answered).
func sameIssueTime(kprq string, issued time.Time) bool {
	issued = issued.In(app.ChinaTime)
	return kprq == issued.Format(compactDateTime) || kprq == issued.Format(time.DateTime)
}

// links builds absolute URLs on this server, signed with the invoice's file
// token like the bureau's links are, so they need no Authorization.
func (s *Server) links(r *http.Request, inv issuedInvoice) fileLinks {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	link := func(ext string) string {
		u := url.URL{Scheme: scheme, Host: r.Host, Path: filesPrefix + inv.Number + "." + ext,
			RawQuery: url.Values{"t": {inv.FileToken}}.Encode()}
		return u.String()
	}
	return fileLinks{PDF: link("pdf"), OFD: link("ofd"), XML: link("xml")}
}

// handleFileLink serves GET /sandbox/files/{fphm}.{pdf|ofd|xml}?t=token.
// A wrong token looks exactly like a missing invoice.
func (s *Server) handleFileLink(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, filesPrefix)
	number, ext, _ := strings.Cut(name, ".")
	format, err := app.ParseDocFormat(ext)
	token := r.URL.Query().Get("t")
	if err != nil || number == "" || token == "" || ext != string(format) {
		writeHTTPError(w, http.StatusNotFound, msgNotFound)
		return
	}
	inv, err := s.findInvoice(r.Context(), invoiceKey{Number: number})
	if err != nil || subtle.ConstantTimeCompare([]byte(token), []byte(inv.FileToken)) != 1 {
		if err != nil && !errors.Is(err, app.ErrNotFound) {
			s.log.Error("file link", "err", err)
		}
		writeHTTPError(w, http.StatusNotFound, msgNotFound)
		return
	}
	file, err := s.render(inv, format)
	if err != nil {
		s.log.Error("render layout file", "number", inv.Number, "err", err)
		writeHTTPError(w, http.StatusInternalServerError, "版式文件生成失败")
		return
	}
	w.Header().Set("Content-Type", contentTypes[format])
	w.Header().Set("Content-Disposition", `attachment; filename="`+inv.Number+"."+ext+`"`)
	_, _ = w.Write(file)
}

// renderLayout renders the stored invoice through the layout package.
func renderLayout(inv issuedInvoice, format app.DocFormat) ([]byte, error) {
	switch format {
	case app.FormatPDF:
		return layout.PDF(inv.Invoice)
	case app.FormatOFD:
		return layout.OFD(inv.Invoice)
	case app.FormatXML:
		return layout.XML(inv.Invoice)
	}
	return nil, errors.New("unknown layout format " + string(format))
}
