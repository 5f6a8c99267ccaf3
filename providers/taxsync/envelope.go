package taxsync

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"sort"
	"strings"
)

// signTypeHMAC is signType "0": HMAC-SHA256 over the sorted parameters.
const signTypeHMAC = "0"

// wireRequest is the envelope POSTed to {base}/invoice/S000621.
type wireRequest struct {
	AppID     string `json:"appid"`
	ServiceID string `json:"serviceid"`
	Jtnsrsbh  string `json:"jtnsrsbh"`
	Nsrsbh    string `json:"nsrsbh"`
	Content   string `json:"content"`
	Signature string `json:"signature"`
	SignType  string `json:"signType"`
}

// seal wraps a query's JSON in the signed envelope and returns the body.
func (c *Client) seal(query []byte) []byte {
	r := wireRequest{AppID: c.cfg.AppID, ServiceID: serviceID, Jtnsrsbh: c.cfg.Jtnsrsbh,
		Nsrsbh: c.cfg.Nsrsbh, Content: base64.StdEncoding.EncodeToString(query), SignType: signTypeHMAC}
	r.Signature = sign(c.secret, map[string]string{"appid": r.AppID, "content": r.Content,
		"jtnsrsbh": r.Jtnsrsbh, "nsrsbh": r.Nsrsbh, "serviceid": r.ServiceID})
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // sign and send the very same characters
	if err := enc.Encode(r); err != nil {
		panic("taxsync: envelope JSON: " + err.Error()) // only strings
	}
	return bytes.TrimRight(buf.Bytes(), "\n")
}

// sign is Base64(HMAC-SHA256(secret, "?" + k1=v1&k2=v2…)) with the
// parameters sorted by name and their values as sent, not URL-escaped.
func sign(secret []byte, params map[string]string) string {
	names := make([]string, 0, len(params))
	for k := range params {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteByte('?')
	for i, k := range names {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(k + "=" + params[k])
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(b.String()))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}
