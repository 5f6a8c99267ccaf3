package sandbox

import (
	"errors"
	"net/http"
	"time"

	"fapiao/app"
)

// providerName is what the sandbox's invoices say issued them.
const providerName = "票单云(沙箱)"

// blueTicketData is the answer to an issued blue invoice.
type blueTicketData struct {
	Number       string  `json:"Fphm"`
	IssuedAt     string  `json:"Kprq"` // 2006-01-02 15:04:05, China time
	BuyerEmail   *string `json:"Gmfyx"`
	BuyerTaxAuth *string `json:"GmfSsjswjgdm"`
}

// handleBlueTicket issues a blue invoice: check the seller's login and face
// authentication, check the invoice like the bureau, then number and store
// it in one transaction, then answer — or, when a drop is injected, close
// the connection without answering although it was issued.
func (s *Server) handleBlueTicket(w http.ResponseWriter, r *http.Request) {
	form, ok := readForm(w, r)
	if !ok {
		return
	}
	// Like the bureau, ask for the login and the face scan before looking
	// at the invoice. A missing or malformed seller ID names no seller: the
	// check of the invoice refuses it.
	if seller := field(form, "xhdwsbh"); app.ValidateTaxID(seller) == nil {
		if _, ok := s.sessionReady(w, r, seller, needLoginAndFace); !ok {
			return
		}
	}
	bt, err := parseBlueTicketForm(form)
	if err != nil {
		writeRefusal(w, err.Error())
		return
	}
	inv, err := checkBlueTicket(bt)
	if err != nil {
		s.log.Info("blueTicket refused", "serial", bt.Serial, "reason", err.Error())
		writeRefusal(w, err.Error())
		return
	}
	if inv.FileToken, err = newToken(); err != nil {
		writeHTTPError(w, http.StatusInternalServerError, "生成版式文件令牌失败")
		return
	}
	inv.IssuedAt = s.now().In(app.ChinaTime).Truncate(time.Second)
	inv.Provider = providerName
	if err := s.issue(r.Context(), &inv); err != nil {
		if errors.Is(err, errDuplicateSerial) {
			writeRefusal(w, msgDuplicate)
			return
		}
		s.log.Error("blueTicket store", "serial", bt.Serial, "err", err)
		writeHTTPError(w, http.StatusInternalServerError, "开票失败:税局系统内部错误")
		return
	}
	s.log.Info("blueTicket issued", "serial", inv.RequestSerial, "number", inv.Number, "total", app.FormatMoney(inv.Total))
	if s.shouldDrop() {
		s.log.Info("blueTicket answer dropped (injected)", "serial", inv.RequestSerial)
		s.dropConnection(w)
		return
	}
	writeOK(w, blueTicketData{Number: inv.Number, IssuedAt: inv.IssuedAt.Format(time.DateTime)})
}
