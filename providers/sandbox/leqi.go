package sandbox

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"
)

// leqiPrefix is where the 乐企 services are invoked: POST
// /access/v2/invoke/{nlbm}/{fwbm}, body Base64(SM4-ECB(JSON)).
const leqiPrefix = "/access/v2/invoke/"

// The 乐企 services (fwbm) the sandbox serves.
const (
	fwbmSegment      = "QDFPPLFM"   // grant a segment of pre-assigned numbers
	fwbmUpload       = "QDFPSC"     // take an invoice numbered by the company
	fwbmUploadResult = "CXQDFPSCJG" // what became of an upload
	fwbmCreditLine   = "CXSXED"     // the credit line
)

// maxLeqiBody bounds a request body: the base64 of an invoice of 2000
// lines fits easily.
const maxLeqiBody = 8 << 20

// leqiAnswer is what a service returns: the Data to seal, and whether the
// call committed something new — only those answers are ever dropped, as a
// gateway that crashed after the bureau committed would lose them.
type leqiAnswer struct {
	data      any
	committed bool
}

// leqiService serves one fwbm, given the decrypted request.
type leqiService func(ctx context.Context, body []byte) (leqiAnswer, error)

// leqiService finds the service fwbm names.
func (s *Server) leqiService(fwbm string) (leqiService, bool) {
	switch fwbm {
	case fwbmSegment:
		return s.serveSegment, true
	case fwbmUpload:
		return s.serveUpload, true
	case fwbmUploadResult:
		return s.serveUploadResult, true
	case fwbmCreditLine:
		return s.serveLeqiCreditLine, true
	}
	return nil, false
}

// handleLeqi answers one 乐企 call: check the envelope (path, platform
// number, headers, service, encryption, JSON), run the service, then seal
// its Data — or, when a drop is injected after a commit, close the
// connection unanswered.
func (s *Server) handleLeqi(w http.ResponseWriter, r *http.Request) {
	fwbm, env := s.checkLeqiCall(r)
	if env != nil {
		writeLeqiError(w, env)
		return
	}
	service, _ := s.leqiService(fwbm)
	body, env := s.openLeqiBody(w, r)
	if env != nil {
		writeLeqiError(w, env)
		return
	}
	ans, err := service(r.Context(), body)
	var envErr *leqiEnvelopeError
	var rf *leqiRefusal
	switch {
	case errors.As(err, &envErr):
		writeLeqiError(w, envErr)
	case errors.As(err, &rf):
		s.log.Info("leqi "+fwbm+" refused", "returncode", rf.code, "reason", rf.message)
		s.writeLeqiData(w, leqiResult{ReturnCode: rf.code, ReturnMsg: rf.message})
	case err != nil:
		s.log.Error("leqi "+fwbm, "err", err)
		writeHTTPError(w, http.StatusInternalServerError, fwbm+"失败:税局系统内部错误")
	case ans.committed && s.shouldDrop():
		s.log.Info("leqi " + fwbm + " answer dropped (injected)")
		s.dropConnection(w)
	default:
		s.writeLeqiData(w, ans.data)
	}
}

// leqiPath splits /access/v2/invoke/{nlbm}/{fwbm}.
func leqiPath(path string) (nlbm, fwbm string, ok bool) {
	rest, _ := strings.CutPrefix(path, leqiPrefix)
	nlbm, fwbm, ok = strings.Cut(rest, "/")
	return nlbm, fwbm, ok && nlbm != "" && fwbm != "" && !strings.Contains(fwbm, "/")
}

// checkLeqiCall checks what comes before the body: the path, the platform
// number, the headers against the path, the service. It returns the fwbm.
func (s *Server) checkLeqiCall(r *http.Request) (string, *leqiEnvelopeError) {
	nlbm, fwbm, ok := leqiPath(r.URL.Path)
	if !ok {
		return "", &leqiEnvelopeError{http.StatusNotFound, leqiCodeService,
			msgLeqiService + ":路径应为 " + leqiPrefix + "{nlbm}/{fwbm}"}
	}
	h := func(name string) string { return strings.TrimSpace(r.Header.Get(name)) }
	switch {
	case h("jrdwptbh") != s.opts.LeqiPlatform:
		return "", &leqiEnvelopeError{http.StatusOK, leqiCodePlatform, msgLeqiPlatform}
	case h("fwbm") != fwbm:
		return "", &leqiEnvelopeError{http.StatusOK, leqiCodeHeaders, "请求头fwbm与路径中的服务编码 " + fwbm + " 不一致"}
	case h("nlbm") != nlbm:
		return "", &leqiEnvelopeError{http.StatusOK, leqiCodeHeaders, "请求头nlbm与路径中的能力编码 " + nlbm + " 不一致"}
	}
	if _, known := s.leqiService(fwbm); !known {
		return "", &leqiEnvelopeError{http.StatusOK, leqiCodeService, msgLeqiService + ":" + fwbm}
	}
	return fwbm, nil
}

// openLeqiBody reads and decrypts the body. A plaintext that is not UTF-8
// counts as undecryptable: with a wrong key, about one body in 256 still
// ends in valid padding, and what it decrypts to is never UTF-8 text.
func (s *Server) openLeqiBody(w http.ResponseWriter, r *http.Request) ([]byte, *leqiEnvelopeError) {
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxLeqiBody))
	if err != nil {
		return nil, &leqiEnvelopeError{http.StatusRequestEntityTooLarge, leqiCodeJSON, "请求报文过大或读取失败"}
	}
	plain, err := s.leqiSeal.open(string(raw))
	if err != nil || !utf8.Valid(plain) {
		return nil, &leqiEnvelopeError{http.StatusOK, leqiCodeDecrypt, msgLeqiDecrypt}
	}
	return plain, nil
}
