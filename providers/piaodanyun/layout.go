package piaodanyun

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"fapiao/app"
)

const (
	opLayout   = "getInvoicePdfOfd"
	pathLayout = "/qdjk/fullExteriorInvoke/getInvoicePdfOfd"
)

// downflags are getInvoicePdfOfd's format codes.
var downflags = map[app.DocFormat]string{app.FormatPDF: "1", app.FormatOFD: "2", app.FormatXML: "3"}

// Document fetches an issued invoice's layout file (版式文件), sealed. The
// provider answers with the file in base64 or with the bureau's URL for it;
// either way the bytes are checked to be the format asked for.
func (c *Client) Document(ctx context.Context, inv app.Invoice, format app.DocFormat) ([]byte, error) {
	flag, ok := downflags[format]
	switch {
	case !ok:
		return nil, providerError(app.KindBusiness, opLayout, "", fmt.Sprintf("不支持的导出格式 %q,应为 pdf、ofd 或 xml", string(format)), nil)
	case inv.Number == "":
		return nil, providerError(app.KindBusiness, opLayout, "", "发票尚无号码,无法获取版式文件", nil)
	}
	data, err := c.post(ctx, opLayout, pathLayout, c.layoutForm(inv, flag).values())
	if err != nil {
		return nil, err
	}
	layout, err := decodeLayoutData(data, format)
	if err != nil {
		return nil, transientError(opLayout, "版式文件应答的格式错误:"+c.quote([]byte(err.Error())), nil)
	}
	content := layout.content
	if layout.url != "" {
		if content, err = c.download(ctx, layout.url); err != nil {
			return nil, err
		}
	}
	if err := checkFormat(content, format); err != nil {
		return nil, transientError(opLayout, c.redact(err.Error()), nil)
	}
	return content, nil
}

func (c *Client) layoutForm(inv app.Invoice, downflag string) form {
	f := form{}
	f.required("username", c.cfg.Username)
	f.required("downflag", downflag)
	f.required("nsrsbh", c.cfg.SellerTaxID)
	f.required("fphm", inv.Number)
	if !inv.IssuedAt.IsZero() {
		f.required("kprq", inv.IssuedAt.In(app.ChinaTime).Format(compactTime))
	}
	f.required("addSeal", "1")
	return f
}

// layoutData is the file itself or where to fetch it.
type layoutData struct {
	content []byte
	url     string
}

// layoutURLs is data when the provider answers with the bureau's links.
type layoutURLs struct {
	PDF flexString `json:"pdfUrl"`
	OFD flexString `json:"ofdUrl"`
	XML flexString `json:"xmlUrl"`
}

// decodeLayoutData reads getInvoicePdfOfd's data: a base64 string (shape A)
// or an object of URLs (shape B). A string that is itself a URL is taken as
// one, which is what downflag 4 answers.
func decodeLayoutData(data json.RawMessage, format app.DocFormat) (layoutData, error) {
	if !hasData(data) {
		return layoutData{}, errors.New("data 为空")
	}
	var text string
	if err := json.Unmarshal(data, &text); err == nil {
		text = strings.TrimSpace(text)
		if isHTTPURL(text) {
			return layoutData{url: text}, nil
		}
		content, err := decodeBase64(text)
		return layoutData{content: content}, err
	}
	var urls layoutURLs
	if err := json.Unmarshal(data, &urls); err != nil {
		return layoutData{}, errors.New("data 既不是base64字符串也不是文件地址对象")
	}
	link := map[app.DocFormat]flexString{app.FormatPDF: urls.PDF, app.FormatOFD: urls.OFD, app.FormatXML: urls.XML}[format].String()
	if link == "" {
		return layoutData{}, fmt.Errorf("应答中没有%s文件地址", strings.ToUpper(string(format)))
	}
	return layoutData{url: link}, nil
}

func isHTTPURL(s string) bool {
	lower := strings.ToLower(s)
	return strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://")
}

// decodeBase64 tolerates what providers wrap base64 in: line breaks and
// spaces, a "data:…;base64," prefix, missing padding, the URL alphabet.
func decodeBase64(text string) ([]byte, error) {
	if strings.HasPrefix(text, "data:") {
		if i := strings.IndexByte(text, ','); i >= 0 {
			text = text[i+1:]
		}
	}
	text = strings.Join(strings.Fields(text), "")
	if text == "" {
		return nil, errors.New("文件内容为空")
	}
	if base64.StdEncoding.DecodedLen(len(text)) > maxDocumentBytes {
		return nil, fmt.Errorf("文件超过%dMB", maxDocumentBytes>>20)
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if content, err := enc.DecodeString(text); err == nil {
			return content, nil
		}
	}
	return nil, errors.New("文件内容不是有效的base64")
}

// checkFormat refuses bytes that are not the format asked for, such as an
// error page served in place of the file.
func checkFormat(content []byte, format app.DocFormat) error {
	var ok bool
	switch format {
	case app.FormatPDF:
		ok = bytes.HasPrefix(content, []byte("%PDF"))
	case app.FormatOFD:
		ok = bytes.HasPrefix(content, []byte("PK")) // an OFD is a zip archive
	case app.FormatXML:
		ok = looksLikeXML(content)
	}
	if ok {
		return nil
	}
	if len(content) == 0 {
		return fmt.Errorf("%s文件内容为空", strings.ToUpper(string(format)))
	}
	head := content[:min(len(content), 24)]
	return fmt.Errorf("收到的内容不是%s文件(开头为 %q)", strings.ToUpper(string(format)), strings.ToValidUTF8(string(head), "?"))
}

// looksLikeXML wants "<" after an optional byte-order mark and blanks, and
// not an HTML page, which also starts with "<".
func looksLikeXML(content []byte) bool {
	content = bytes.TrimPrefix(content, []byte("\xEF\xBB\xBF"))
	content = bytes.TrimLeft(content, " \t\r\n")
	if !bytes.HasPrefix(content, []byte("<")) {
		return false
	}
	head := strings.ToLower(string(content[:min(len(content), 64)]))
	return !strings.HasPrefix(head, "<!doctype html") && !strings.HasPrefix(head, "<html")
}
