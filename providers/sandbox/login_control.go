package sandbox

import (
	"context"
	"net/http"
)

// Paths of the e-tax login control endpoints.
const (
	loginQRScanPrefix = "/sandbox/login/qr/"   // + {ewmid}/scan
	pathLoginLapse    = "/sandbox/login/lapse" // optional nsrsbh
)

// SimulateQRLoginScan plays the clerk confirming login QR code ewmid on the
// phone; the next loginDppt call with that ewmid logs the seller in. It
// fails with ErrUnknownQR or ErrQRExpired.
func (s *Server) SimulateQRLoginScan(ewmid string) error {
	_, err := s.scanLoginQR(context.Background(), ewmid, s.now())
	return err
}

// LapseLogin ends every seller's e-tax login now, also for sellers not seen
// yet: their next session call answers 419 until they log in again.
func (s *Server) LapseLogin() {
	if err := s.setAuth(context.Background(), loginColumn, "", lapsedAt); err != nil {
		s.log.Error("lapse e-tax login", "err", err)
	}
}

// handleLoginQRScan is POST /sandbox/login/qr/{ewmid}/scan:
// SimulateQRLoginScan over HTTP.
func (s *Server) handleLoginQRScan(w http.ResponseWriter, r *http.Request) {
	ewmid, ok := scanID(r.URL.Path, loginQRScanPrefix)
	if !ok {
		writeHTTPError(w, http.StatusNotFound, msgNoSuchEndpoint)
		return
	}
	taxID, err := s.scanLoginQR(r.Context(), ewmid, s.now())
	s.writeScanResult(w, taxID, "扫码登录已确认", err)
}

// handleLoginLapse is POST /sandbox/login/lapse: LapseLogin over HTTP, for
// one seller when nsrsbh is given.
func (s *Server) handleLoginLapse(w http.ResponseWriter, r *http.Request) {
	s.handleLapse(w, r, loginColumn, "电子税务局登录已失效")
}
