package sandbox

import (
	"maps"
	"net/http"
	"strings"
)

// Stats returns how many requests the server received per path, counting
// every request: refused, failed by an injected fault, or unknown.
func (s *Server) Stats() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.stats)
}

// count records each request under its path before anything else happens to it.
func (s *Server) count(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := statsKey(r.URL.Path)
		s.mu.Lock()
		s.stats[key]++
		s.mu.Unlock()
		next.ServeHTTP(w, r)
	})
}

// statsKey folds the per-invoice file links, the per-QR scan paths and the
// per-invoice and per-form control paths into one key each (per action), so
// the map stays as small as the API. 乐企 calls count by service:
// "leqi:QDFPPLFM"; S000621 as "S000621"; 迅联云 as "serverIssue".
func statsKey(path string) string {
	switch {
	case path == pathInbound:
		return inboundServiceID
	case path == pathServerIssue:
		return statsServerIssue
	case strings.HasPrefix(path, leqiPrefix):
		if _, fwbm, ok := leqiPath(path); ok {
			return "leqi:" + fwbm
		}
		return leqiPrefix
	case strings.HasPrefix(path, filesPrefix):
		return filesPrefix
	case strings.HasPrefix(path, faceScanPrefix) && path != pathFaceLapse:
		return faceScanPrefix + "{rzid}/scan"
	case strings.HasPrefix(path, loginQRScanPrefix):
		return loginQRScanPrefix + "{ewmid}/scan"
	case strings.HasPrefix(path, buyerPrefix):
		return buyerPrefix + "{fphm}/" + lastSegment(path)
	case strings.HasPrefix(path, redFormPrefix) && path != pathIncomingForm:
		return redFormPrefix + "{xxbbh}/" + lastSegment(path)
	}
	return path
}

// lastSegment is what follows the last slash of path: the action of a
// per-invoice or per-form control path.
func lastSegment(path string) string {
	return path[strings.LastIndexByte(path, '/')+1:]
}
