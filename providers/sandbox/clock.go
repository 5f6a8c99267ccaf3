package sandbox

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"fapiao/app"
)

// pathClockAdvance moves the sandbox clock on: ?by=72h (Go duration syntax).
const pathClockAdvance = "/sandbox/clock/advance"

// AdvanceClock moves the sandbox's clock d ahead of Options.Now, so that
// what takes hours at the bureau (a red-letter form's 72 h, the buyer's
// answer) can pass in a test. Everything that reads the clock follows:
// tokens expire, e-tax logins and face authentications lapse, forms are
// confirmed or voided. The offset lives in memory only: a restart (Close,
// then New) starts again at Options.Now. A negative d is ignored: the
// bureau's clock never runs backwards.
func (s *Server) AdvanceClock(d time.Duration) {
	if d > 0 {
		s.clockOffset.Add(int64(d))
	}
}

// ClockOffset is how far AdvanceClock has moved the clock so far.
func (s *Server) ClockOffset() time.Duration { return time.Duration(s.clockOffset.Load()) }

// clockNow is the sandbox's time: Options.Now plus the offset.
func (s *Server) clockNow() time.Time {
	return s.opts.Now().Add(time.Duration(s.clockOffset.Load()))
}

// clockAnswer is the JSON of POST /sandbox/clock/advance.
type clockAnswer struct {
	Code   int    `json:"code"`
	Msg    string `json:"msg"`
	Offset string `json:"offset"` // Go duration syntax
	Now    string `json:"now"`    // the sandbox's time, China time
}

// handleClockAdvance is POST /sandbox/clock/advance?by=72h: AdvanceClock
// over HTTP, for tests driving the sandbox from another process.
func (s *Server) handleClockAdvance(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		writeHTTPError(w, http.StatusBadRequest, "请求参数无法解析:"+err.Error())
		return
	}
	by := strings.TrimSpace(r.Form.Get("by"))
	d, err := time.ParseDuration(by)
	switch {
	case by == "":
		writeHTTPError(w, http.StatusBadRequest, "参数 by 不能为空,例如 by=72h")
		return
	case err != nil || d < 0:
		writeHTTPError(w, http.StatusBadRequest, fmt.Sprintf("参数 by %q 无效:应为非负的时长,例如 90s、2m、72h", by))
		return
	}
	s.AdvanceClock(d)
	writeJSON(w, http.StatusOK, clockAnswer{Code: http.StatusOK, Msg: "沙箱时钟已前进 " + d.String(),
		Offset: s.ClockOffset().String(), Now: s.now().In(app.ChinaTime).Format(time.DateTime)})
}
