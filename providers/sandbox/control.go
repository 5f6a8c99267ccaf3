package sandbox

import (
	"encoding/json"
	"io"
	"net/http"
	"time"
)

// faultsWire is the JSON of POST /sandbox/faults and its answer. Fields
// left out of a request keep their current value.
type faultsWire struct {
	LatencyMS *int64   `json:"latency_ms,omitempty"`
	ErrorRate *float64 `json:"error_rate,omitempty"`
	DropRate  *float64 `json:"drop_rate,omitempty"`
	DropNext  *int     `json:"drop_next,omitempty"`
	FailNext  *int     `json:"fail_next,omitempty"`
}

// handleFaults changes the injected faults, for tests that drive the
// sandbox from another process.
func (s *Server) handleFaults(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 64<<10))
	var req faultsWire
	if err == nil {
		err = json.Unmarshal(body, &req)
	}
	if err != nil {
		writeHTTPError(w, http.StatusBadRequest, "请求体应为 JSON:"+err.Error())
		return
	}
	f, dropNext, failNext := s.currentFaults()
	if req.LatencyMS != nil {
		f.Latency = time.Duration(*req.LatencyMS) * time.Millisecond
	}
	if req.ErrorRate != nil {
		f.ErrorRate = *req.ErrorRate
	}
	if req.DropRate != nil {
		f.DropRate = *req.DropRate
	}
	if err := f.validate(); err != nil {
		writeHTTPError(w, http.StatusBadRequest, err.Error())
		return
	}
	if req.DropNext != nil {
		dropNext = *req.DropNext
	}
	if req.FailNext != nil {
		failNext = *req.FailNext
	}
	s.SetFaults(f)
	s.DropNext(dropNext)
	s.FailNext(failNext)
	writeJSON(w, http.StatusOK, s.faultsState())
}

func (s *Server) faultsState() faultsWire {
	f, dropNext, failNext := s.currentFaults()
	latency := f.Latency.Milliseconds()
	return faultsWire{LatencyMS: &latency, ErrorRate: &f.ErrorRate, DropRate: &f.DropRate,
		DropNext: &dropNext, FailNext: &failNext}
}

// handleStats answers the requests received per path.
func (s *Server) handleStats(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.Stats())
}

// handleHealth answers whether the sandbox is serving.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	if err := s.db.PingContext(r.Context()); err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "database unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}
