package sandbox

import (
	"context"
	"net/http"
)

// Paths of the face-authentication control endpoints.
const (
	faceScanPrefix = "/sandbox/face/"      // + {rzid}/scan
	pathFaceLapse  = "/sandbox/face/lapse" // optional nsrsbh
)

// SimulateFaceScan plays the clerk scanning face QR code rzid with the
// phone: the seller it was issued for counts as face-authenticated from
// now. It fails with ErrUnknownQR or ErrQRExpired.
func (s *Server) SimulateFaceScan(rzid string) error {
	_, err := s.scanFaceQR(context.Background(), rzid, s.now())
	return err
}

// LapseFaceAuth makes every seller's face authentication lapse now, also
// for sellers not seen yet: their next issuing call answers 420.
func (s *Server) LapseFaceAuth() {
	if err := s.setAuth(context.Background(), faceColumn, "", lapsedAt); err != nil {
		s.log.Error("lapse face authentication", "err", err)
	}
}

// handleFaceScan is POST /sandbox/face/{rzid}/scan: SimulateFaceScan over HTTP.
func (s *Server) handleFaceScan(w http.ResponseWriter, r *http.Request) {
	rzid, ok := scanID(r.URL.Path, faceScanPrefix)
	if !ok {
		writeHTTPError(w, http.StatusNotFound, msgNoSuchEndpoint)
		return
	}
	taxID, err := s.scanFaceQR(r.Context(), rzid, s.now())
	s.writeScanResult(w, taxID, "人脸认证成功", err)
}

// handleFaceLapse is POST /sandbox/face/lapse: LapseFaceAuth over HTTP, for
// one seller when nsrsbh is given.
func (s *Server) handleFaceLapse(w http.ResponseWriter, r *http.Request) {
	s.handleLapse(w, r, faceColumn, "人脸认证已失效")
}
