package leqi

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"fapiao/app"
)

const okCredit = `{"returncode":"00","zsxed":"100","sysxed":"60"}`

func TestErrorAnswersAreClassified(t *testing.T) {
	for name, tc := range map[string]struct {
		body     string
		kind     app.ErrorKind
		code     string
		inReason string
	}{
		"decryption":           {errorBody(`"1001"`, "报文解密失败"), app.KindCredentials, "1001", "解密"},
		"signature, numeric":   {errorBody(`2001`, "签名验证失败"), app.KindCredentials, "2001", "签名"},
		"key":                  {errorBody(`"E01"`, "密钥已过期"), app.KindCredentials, "E01", "密钥"},
		"unit":                 {errorBody(`"403"`, "接入单位未授权该能力"), app.KindCredentials, "403", "接入单位"},
		"platform number":      {errorBody(`"01"`, "平台编号不存在"), app.KindCredentials, "01", "平台编号"},
		"english":              {errorBody(`"DECRYPT_FAIL"`, "cannot Decrypt request"), app.KindCredentials, "DECRYPT_FAIL", "Decrypt"},
		"business":             {errorBody(`"3001"`, "纳税人识别号不存在"), app.KindBusiness, "3001", "纳税人识别号不存在"},
		"seed shape":           {errorBody(`"01"`, "错误说明"), app.KindBusiness, "01", "错误说明"},
		"float code":           {errorBody(`1.5`, "x"), app.KindBusiness, "1.5", "x"},
		"no message":           {errorBody(`"9"`, ""), app.KindBusiness, "9", "未说明原因"},
		"bare string":          {`{"Response":{"RequestId":"R1","Error":"系统繁忙"}}`, app.KindBusiness, "", "系统繁忙"},
		"error beats data":     {`{"Response":{"Data":{"returncode":"00"},"Error":{"Code":"7","Message":"拒绝"}}}`, app.KindBusiness, "7", "拒绝"},
		"HTTP 400 with Error":  {errorBody(`"400"`, "请求报文格式错误"), app.KindBusiness, "400", "请求报文格式错误"},
		"returncode":           {sealedData(`{"returncode":"99","returnmsg":"系统内部错误"}`), app.KindBusiness, "99", "系统内部错误"},
		"returncode, no msg":   {plainData(`{"returncode":"01"}`), app.KindBusiness, "01", "未说明原因"},
		"returncode 1":         {plainData(`{"returncode":1,"returnmsg":"失败"}`), app.KindBusiness, "1", "失败"},
		"returncode about key": {plainData(`{"returncode":"05","returnmsg":"密钥错误"}`), app.KindBusiness, "05", "密钥错误"},
	} {
		t.Run(name, func(t *testing.T) {
			status := 200
			if strings.HasPrefix(name, "HTTP 400") {
				status = 400
			}
			f := newFakeLeqi(t, always(status, tc.body))
			c, _ := newTestClient(t, f.URL)
			_, err := c.CreditLine(t.Context())
			pe := providerErr(t, err, tc.kind)
			if pe.Code != tc.code || !strings.Contains(pe.Message, tc.inReason) || pe.Op != "CXSXED" || pe.NotSent {
				t.Errorf("error %+v", pe)
			}
		})
	}
}

func TestErrorNamesTheRequestID(t *testing.T) {
	f := newFakeLeqi(t, always(200, errorBody(`"3001"`, "纳税人识别号不存在")))
	c, _ := newTestClient(t, f.URL)
	_, err := c.CreditLine(t.Context())
	if err == nil || !strings.Contains(err.Error(), "R1234567890ABCDE") {
		t.Errorf("error %v lacks the RequestId", err)
	}
}

func TestMalformedAnswersAreTransient(t *testing.T) {
	wrongKey, _ := hex.DecodeString(otherValidKey)
	key, _ := hex.DecodeString(testKey)
	for name, tc := range map[string]struct {
		status int
		body   string
	}{
		"empty":                  {200, ""},
		"html":                   {200, "<html>bad gateway</html>"},
		"array":                  {200, "[]"},
		"truncated":              {200, `{"Response":{"Data":"`},
		"no Response":            {200, `{"Data":"x"}`},
		"Response not an object": {200, `{"Response":"ok"}`},
		"empty Response":         {200, `{"Response":{}}`},
		"empty Error, no Data":   {200, `{"Response":{"Error":{}}}`},
		"Data null":              {200, `{"Response":{"Data":null}}`},
		"Data a number":          {200, `{"Response":{"Data":42}}`},
		"Data an array":          {200, `{"Response":{"Data":[{"returncode":"00"}]}}`},
		"Data not base64":        {200, `{"Response":{"Data":"这不是密文"}}`},
		"Data partial block":     {200, `{"Response":{"Data":"AAAAAAAA"}}`},
		"Data under another key": {200, fmt.Sprintf(`{"Response":{"Data":%q}}`, testSeal(wrongKey, []byte(okCredit)))},
		"Data not JSON":          {200, fmt.Sprintf(`{"Response":{"Data":%q}}`, testSeal(key, []byte("returncode=00")))},
		"Data a JSON array":      {200, fmt.Sprintf(`{"Response":{"Data":%q}}`, testSeal(key, []byte("[1]")))},
		"Data JSON string bad":   {200, `{"Response":{"Data":"{\"returncode\":"}}`},
		"no returncode":          {200, sealedData(`{"zsxed":"100","sysxed":"60"}`)},
		"returncode an object":   {200, sealedData(`{"returncode":{},"zsxed":"100","sysxed":"60"}`)},
		"404 page":               {404, "404 page not found"},
		"Data with HTTP 400":     {400, sealedData(okCredit)},
		"Error code an object":   {200, `{"Response":{"Error":{"Code":{},"Message":"x"}}}`},
	} {
		t.Run(name, func(t *testing.T) {
			f := newFakeLeqi(t, always(tc.status, tc.body))
			c, _ := newTestClient(t, f.URL)
			got, err := c.CreditLine(t.Context())
			pe := providerErr(t, err, app.KindTransient)
			if pe.NotSent || !strings.HasPrefix(pe.Message, "响应格式错误") || got != (app.CreditLine{}) {
				t.Errorf("got %+v, error %+v", got, pe)
			}
		})
	}
}

func TestServerTroubleIsTransient(t *testing.T) {
	for _, status := range []int{500, 502, 503, 504, 429} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			// Even with a success body: the status wins.
			f := newFakeLeqi(t, always(status, sealedData(okCredit)))
			c, _ := newTestClient(t, f.URL)
			_, err := c.CreditLine(t.Context())
			if pe := providerErr(t, err, app.KindTransient); pe.NotSent || !strings.Contains(pe.Message, fmt.Sprint(status)) {
				t.Errorf("error %+v", pe)
			}
		})
	}
}

func TestGatewayRefusalIsCredentials(t *testing.T) {
	for _, status := range []int{401, 403} {
		f := newFakeLeqi(t, always(status, "Forbidden"))
		c, _ := newTestClient(t, f.URL)
		_, err := c.CreditLine(t.Context())
		if pe := providerErr(t, err, app.KindCredentials); !strings.Contains(pe.Message, "jrdwptbh") {
			t.Errorf("HTTP %d: %+v", status, pe)
		}
	}
}

func TestEnvelopeTolerance(t *testing.T) {
	key, _ := hex.DecodeString(testKey)
	sealed := testSeal(key, []byte(okCredit))
	var wrapped strings.Builder
	for i := 0; i < len(sealed); i += 16 {
		wrapped.WriteString(sealed[i:min(i+16, len(sealed))] + "\n")
	}
	for name, body := range map[string]string{
		"sealed":            sealedData(okCredit),
		"plain object":      plainData(okCredit),
		"JSON in a string":  fmt.Sprintf(`{"Response":{"RequestId":"R","Data":%q}}`, okCredit),
		"wrapped base64":    fmt.Sprintf(`{"Response":{"RequestId":"R","Data":%q}}`, wrapped.String()),
		"lower-case keys":   fmt.Sprintf(`{"response":{"requestId":"R","data":%q}}`, sealed),
		"extra fields":      fmt.Sprintf(`{"Response":{"RequestId":"R","Data":%q,"Version":2,"Error":null},"Trace":[1]}`, sealed),
		"no RequestId":      fmt.Sprintf(`{"Response":{"Data":%q}}`, sealed),
		"BOM and blanks":    "\xEF\xBB\xBF \n" + sealedData(okCredit) + "\n",
		"empty Error":       fmt.Sprintf(`{"Response":{"Error":{"Code":"","Message":""},"Data":%q}}`, sealed),
		"padded in Data":    fmt.Sprintf(`{"Response":{"Data":%q}}`, testSeal(key, []byte(" \n"+okCredit+"\n"))),
		"numeric figures":   plainData(`{"returncode":"00","zsxed":100,"sysxed":60.00}`),
		"extra Data fields": plainData(`{"returncode":"00","returnmsg":"成功","zsxed":"100","sysxed":"60","kjlpzs":3}`),
	} {
		t.Run(name, func(t *testing.T) {
			f := newFakeLeqi(t, always(200, body))
			c, _ := newTestClient(t, f.URL)
			got, err := c.CreditLine(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if !got.Total.Equal(dec("100")) || !got.Remaining.Equal(dec("60")) {
				t.Errorf("line %+v", got)
			}
		})
	}
}

// A server that echoes the key — in a message, a reason, a field it
// complains about, or the text of an undecryptable answer — must not put it
// in an error or a log line, whole or in part, in any case.
func TestKeyEchoedByTheServerNeverSurfaces(t *testing.T) {
	upper := strings.ToUpper(testKey)
	long := strings.Repeat("很长的说明", 12) // puts the key where a clip would cut it
	for name, tc := range map[string]struct {
		body string
		call func(*Client) error
	}{
		"Error message":    {errorBody(`"1001"`, "密钥 "+testKey+" 解密失败"), creditCall},
		"Error code":       {errorBody(`"`+upper+`"`, "x"), creditCall},
		"returnmsg":        {sealedData(`{"returncode":"01","returnmsg":"` + long + testKey + `"}`), creditCall},
		"malformed figure": {sealedData(`{"returncode":"00","zsxed":"` + long + "key=" + testKey + `","sysxed":"1"}`), creditCall},
		"RequestId":        {`{"Response":{"RequestId":"` + testKey + `","Error":{"Code":"1","Message":"x"}}}`, creditCall},
		"bad segment":      {plainData(`{"returncode":"00","fpqshm":"` + testKey + `","fpzzhm":"1","lysl":1}`), segmentCall},
		"bad ticket":       {plainData(`{"returncode":"00","sllsh":"` + strings.Repeat("9", 130) + testKey + `"}`), uploadCall},
		"bad state":        {plainData(`{"returncode":"00","clzt":"` + long + testKey + `"}`), resultCall},
		"Data base64 key":  {`{"Response":{"Data":"` + base64.StdEncoding.EncodeToString([]byte(testKey)) + testKey + `"}}`, creditCall},
		"mixed case":       {errorBody(`"1"`, testKey[:16]+upper[16:]), creditCall},
	} {
		t.Run(name, func(t *testing.T) {
			f := newFakeLeqi(t, always(200, tc.body))
			c, logs := newTestClient(t, f.URL)
			err := tc.call(c)
			if err == nil {
				t.Fatal("no error")
			}
			assertNoKeyIn(t, "error", err.Error())
			assertNoKeyIn(t, "error", fmt.Sprintf("%#v", err))
			if !strings.Contains(logs.String(), "乐企 call failed") {
				t.Errorf("the failure was not logged: %s", logs.String())
			}
		})
	}
}

func TestRejectionReasonIsScrubbedToo(t *testing.T) {
	f := newFakeLeqi(t, always(200, plainData(`{"returncode":"00","clzt":"03","cwxx":"签名密钥`+testKey+`不符"}`)))
	c, _ := newTestClient(t, f.URL)
	res, err := c.UploadResult(t.Context(), "SL1", "")
	if err != nil {
		t.Fatal(err)
	}
	assertNoKeyIn(t, "reason", res.Message)
	if res.Message != "签名密钥***不符" {
		t.Errorf("reason %q", res.Message)
	}
}

func creditCall(c *Client) error {
	_, err := c.CreditLine(ctxBackground())
	return err
}

func segmentCall(c *Client) error {
	_, err := c.DownloadSegment(ctxBackground(), 1, testSerial)
	return err
}

func uploadCall(c *Client) error {
	_, err := c.Upload(ctxBackground(), testInvoice())
	return err
}

func resultCall(c *Client) error {
	_, err := c.UploadResult(ctxBackground(), "SL1", "")
	return err
}
