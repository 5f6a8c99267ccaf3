package sandbox

import (
	"net/http"
	"strings"
)

// Paths of the 票单云 API, exactly as seed 001 gives them.
const (
	pathObtainToken = "/obtainToken"
	pathBlueTicket  = "/qdjk/fullExteriorInvoke/blueTicket"
	pathQueryMx     = "/qdjk/fullExteriorInvoke/invoiceQueryMx"
	pathLayoutFiles = "/qdjk/fullExteriorInvoke/getInvoicePdfOfd"
	pathFaceImg     = "/qdjk/fullExteriorInvoke/getFaceImg"
	pathFaceState   = "/qdjk/fullApplets/queryFaceAuthState"
	pathLoginDppt   = "/qdjk/fullExteriorInvoke/loginDppt"
	pathBlueCheck   = "/qdjk/fullExteriorInvoke/retInviceMsg"
	pathRedForm     = "/qdjk/fullExteriorInvoke/hzxxbsq"
	pathRedIssue    = "/qdjk/fullExteriorInvoke/hzfpkj"
)

// Paths of the sandbox's own endpoints.
const (
	pathFaults  = "/sandbox/faults"
	pathStats   = "/sandbox/stats"
	pathHealth  = "/sandbox/health"
	filesPrefix = "/sandbox/files/" // + {fphm}.{pdf|ofd|xml}?t=token
)

// route is one endpoint: its method, whether it needs an access token, and
// its handler.
type route struct {
	method string
	auth   bool
	handle http.HandlerFunc
}

// router dispatches on the exact path, then on path prefixes. Unknown paths
// get the gateway's JSON 404; a known path with the wrong method a JSON 405.
type router struct {
	exact    map[string]route
	prefixes map[string]route
	s        *Server
}

// routes lists every endpoint. Later endpoint groups add their lines here.
func (s *Server) routes() *router {
	rt := &router{exact: map[string]route{}, prefixes: map[string]route{}, s: s}
	rt.exact[pathObtainToken] = route{http.MethodPost, false, s.handleObtainToken}
	rt.exact[pathBlueTicket] = route{http.MethodPost, true, s.handleBlueTicket}
	rt.exact[pathQueryMx] = route{http.MethodPost, true, s.handleQueryMx}
	rt.exact[pathLayoutFiles] = route{http.MethodPost, true, s.handleLayoutFiles}
	rt.exact[pathFaceImg] = route{http.MethodGet, true, s.handleGetFaceImg}
	rt.exact[pathFaceState] = route{http.MethodPost, true, s.handleQueryFaceAuthState}
	rt.exact[pathLoginDppt] = route{http.MethodPost, true, s.handleLoginDppt}
	rt.exact[pathBlueCheck] = route{http.MethodPost, true, s.handleBlueCheck}
	rt.exact[pathRedForm] = route{http.MethodPost, true, s.handleRedForm}
	rt.exact[pathRedIssue] = route{http.MethodPost, true, s.handleRedIssue}
	rt.exact[pathCreditLine] = route{http.MethodPost, true, s.handleCreditLine}
	// 迅联云: the data source in the body is the credential, not a token.
	rt.exact[pathServerIssue] = route{http.MethodPost, false, s.handleServerIssue}
	rt.exact[pathFaults] = route{http.MethodPost, false, s.handleFaults}
	rt.exact[pathStats] = route{http.MethodGet, false, s.handleStats}
	rt.exact[pathHealth] = route{http.MethodGet, false, s.handleHealth}
	rt.exact[pathFaceLapse] = route{http.MethodPost, false, s.handleFaceLapse}
	rt.exact[pathLoginLapse] = route{http.MethodPost, false, s.handleLoginLapse}
	rt.exact[pathClockAdvance] = route{http.MethodPost, false, s.handleClockAdvance}
	rt.exact[pathIncomingForm] = route{http.MethodPost, false, s.handleIncomingForm}
	rt.exact[pathInbound] = route{http.MethodPost, false, s.handleInbound}
	rt.exact[pathInboundCheck] = route{http.MethodPost, false, s.handleInboundCheck}
	rt.prefixes[filesPrefix] = route{http.MethodGet, false, s.handleFileLink}
	rt.prefixes[faceScanPrefix] = route{http.MethodPost, false, s.handleFaceScan}
	rt.prefixes[loginQRScanPrefix] = route{http.MethodPost, false, s.handleLoginQRScan}
	rt.prefixes[buyerPrefix] = route{http.MethodPost, false, s.handleBuyerMark}
	rt.prefixes[redFormPrefix] = route{http.MethodPost, false, s.handleBuyerAnswer}
	rt.prefixes[leqiPrefix] = route{http.MethodPost, false, s.handleLeqi}
	return rt
}

func (rt *router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rte, ok := rt.lookup(r.URL.Path)
	if !ok {
		writeHTTPError(w, http.StatusNotFound, msgNoSuchEndpoint)
		return
	}
	if r.Method != rte.method {
		w.Header().Set("Allow", rte.method)
		writeHTTPError(w, http.StatusMethodNotAllowed, "请求方法不允许,应为 "+rte.method)
		return
	}
	if rte.auth && !rt.s.authorized(w, r) {
		return
	}
	rte.handle(w, r)
}

func (rt *router) lookup(path string) (route, bool) {
	if rte, ok := rt.exact[path]; ok {
		return rte, true
	}
	for prefix, rte := range rt.prefixes {
		if strings.HasPrefix(path, prefix) {
			return rte, true
		}
	}
	return route{}, false
}
