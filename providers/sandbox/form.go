package sandbox

import (
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// maxFormBytes bounds a request body: 2000 lines of a few hundred bytes each
// fit easily.
const maxFormBytes = 4 << 20

// readForm parses a form body, url-encoded (what 票单云 clients send) or
// multipart. Only the body counts: the gateway ignores the query string.
func readForm(w http.ResponseWriter, r *http.Request) (url.Values, bool) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var err error
	if mediaType == "multipart/form-data" {
		err = r.ParseMultipartForm(maxFormBytes)
	} else {
		err = r.ParseForm()
	}
	if err != nil {
		writeRefusal(w, "请求参数无法解析:"+err.Error())
		return nil, false
	}
	return r.PostForm, true
}

// field returns a form value with the surrounding blanks gateways trim.
func field(form url.Values, name string) string {
	return strings.TrimSpace(form.Get(name))
}
