package sandbox

import (
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
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

// groupKey matches name[i][field], the way 票单云 forms send arrays of
// objects (fyxm, mxzb).
var groupKey = regexp.MustCompile(`^([A-Za-z]+)\[(\d{1,4})\]\[([A-Za-z]+)\]$`)

// indexedGroups gathers the name[i][field] keys of form into one map per
// index. Indices must run 0, 1, 2… without gaps (a gap means an element got
// lost on the way) and stay below limit.
func indexedGroups(form url.Values, name string, limit int) ([]map[string]string, error) {
	byIndex := map[int]map[string]string{}
	for key, values := range form {
		m := groupKey.FindStringSubmatch(key)
		if m == nil || m[1] != name || len(values) == 0 {
			continue
		}
		i, _ := strconv.Atoi(m[2])
		if i >= limit {
			return nil, fmt.Errorf("明细行(%s)最多%d行", name, limit)
		}
		if byIndex[i] == nil {
			byIndex[i] = map[string]string{}
		}
		byIndex[i][m[3]] = field(form, key)
	}
	indices := make([]int, 0, len(byIndex))
	for i := range byIndex {
		indices = append(indices, i)
	}
	sort.Ints(indices)
	groups := make([]map[string]string, len(indices))
	for pos, i := range indices {
		if i != pos {
			return nil, fmt.Errorf("明细行序号(%s[%d])缺失:序号应从0开始连续编号", name, pos)
		}
		groups[pos] = byIndex[i]
	}
	return groups, nil
}
