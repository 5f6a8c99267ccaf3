package sandbox

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// tokenRequest is the body of /obtainToken. The seed's example sends
// phone_email where its table says phone, so both are accepted; tenant_id
// arrives as a number or a string.
type tokenRequest struct {
	Phone      string          `json:"phone"`
	PhoneEmail string          `json:"phone_email"`
	Pass       string          `json:"pass"`
	TenantID   json.RawMessage `json:"tenant_id"`
	TokenType  string          `json:"token_type"`
}

type tokenData struct {
	Token     string `json:"token"`
	ExpiresIn int64  `json:"expires_in"` // seconds
}

// handleObtainToken checks the demo account and hands out a token.
func (s *Server) handleObtainToken(w http.ResponseWriter, r *http.Request) {
	var req tokenRequest
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 64<<10))
	if err != nil || json.Unmarshal(body, &req) != nil {
		writeFail(w, codeEmptyParam, msgEmptyParam)
		return
	}
	phone := strings.TrimSpace(req.Phone)
	if phone == "" {
		phone = strings.TrimSpace(req.PhoneEmail)
	}
	if phone == "" || req.Pass == "" {
		writeFail(w, codeEmptyParam, msgEmptyParam)
		return
	}
	if phone != DemoPhone || req.Pass != DemoPassword || !tenantMatches(req.TenantID) {
		s.log.Info("token refused", "phone", phone) // never the password
		writeFail(w, codeBadLogin, msgBadLogin)
		return
	}
	token, err := newToken()
	if err != nil {
		writeHTTPError(w, http.StatusInternalServerError, "生成令牌失败")
		return
	}
	expires := s.now().Add(s.opts.TokenTTL)
	if err := s.saveToken(r.Context(), token, expires); err != nil {
		s.log.Error("store token", "err", err)
		writeHTTPError(w, http.StatusInternalServerError, "保存令牌失败")
		return
	}
	writeOK(w, tokenData{Token: token, ExpiresIn: int64(s.opts.TokenTTL.Seconds())})
}

// tenantMatches accepts a missing tenant_id, or DemoTenantID written as a
// number or a string.
func tenantMatches(raw json.RawMessage) bool {
	v := strings.Trim(strings.TrimSpace(string(raw)), `"`)
	return v == "" || v == "null" || v == strconv.Itoa(DemoTenantID)
}

func newToken() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// authorized checks the Authorization header (the raw token, or "Bearer
// <token>") and answers the gateway's 401 envelope when it is missing,
// unknown or expired.
func (s *Server) authorized(w http.ResponseWriter, r *http.Request) bool {
	token := strings.TrimSpace(r.Header.Get("Authorization"))
	if len(token) > 7 && strings.EqualFold(token[:7], "Bearer ") {
		token = strings.TrimSpace(token[7:])
	}
	if token != "" {
		ok, err := s.tokenValid(r.Context(), token, s.now())
		if err != nil {
			s.log.Error("check token", "err", err)
			writeHTTPError(w, http.StatusInternalServerError, "校验令牌失败")
			return false
		}
		if ok {
			return true
		}
	}
	writeFail(w, codeUnauthorized, msgUnauthorized)
	return false
}
