package sandbox

import (
	"context"
	"database/sql"
	"net/http"
	"time"

	"fapiao/app"
)

// formStateNames are the bureau's words for the form states (xxbzt),
// 附件三 of seed 001.
var formStateNames = map[app.RedFormState]string{
	app.RedFormNoConfirmation:  "无需确认",
	app.RedFormAwaitingBuyer:   "销方录入待购方确认",
	app.RedFormAwaitingSeller:  "购方录入待销方确认",
	app.RedFormConfirmed:       "购销双方已确认",
	app.RedFormRefusedByBuyer:  "作废(销方录入购方否认)",
	app.RedFormRefusedBySeller: "作废(购方录入销方否认)",
	app.RedFormExpired:         "作废(超72小时未确认)",
	app.RedFormWithdrawn:       "作废(发起方已撤销)",
	app.RedFormWithdrawnAfter:  "作废(确认后撤销)",
	app.RedFormAbnormalVoucher: "作废(异常凭证)",
}

// redFormData is hzxxbsq's answer, key for key as in seed 001.
type redFormData struct {
	AppliedAt string `json:"sqsj"` // 2006-01-02 15:04:05, China time
	StateCode string `json:"xxbztDm"`
	Number    string `json:"xxbbh"`
	UUID      string `json:"uuid"`
	StateName string `json:"xxbzt"`
}

func formData(f redForm) redFormData {
	return redFormData{AppliedAt: f.AppliedAt.In(app.ChinaTime).Format(time.DateTime),
		StateCode: string(f.State), Number: f.Number, UUID: f.UUID, StateName: formStateNames[f.State]}
}

// handleRedForm applies for a red-letter form (hzxxbsq). Without
// hzxxbcheck=1 the newest form applied for before against the same invoice
// for the same reason and not used by a red invoice is answered instead of
// a new one, in its current state — void included, so that a refresh sees a
// form lapse: the app relies on that to retry and to refresh. It applies
// anew with hzxxbcheck=1.
func (s *Server) handleRedForm(w http.ResponseWriter, r *http.Request) {
	form, ok := readForm(w, r)
	if !ok {
		return
	}
	if seller := field(form, "xhdwsbh"); app.ValidateTaxID(seller) == nil {
		if _, ok := s.sessionReady(w, r, seller, needLoginAndFace); !ok {
			return
		}
	}
	req, err := parseRedFormRequest(form)
	if err != nil {
		writeRefusal(w, err.Error())
		return
	}
	var f redForm
	err = s.inTx(r.Context(), func(tx *sql.Tx) error {
		f, err = s.applyForForm(r.Context(), tx, req)
		return err
	})
	if s.answeredFailure(w, "hzxxbsq", err) {
		return
	}
	s.log.Info("hzxxbsq", "blue", req.BlueNumber, "form", f.Number, "state", string(f.State))
	writeOKMessage(w, msgOK, formData(f))
}

// applyForForm checks req against the blue invoice and returns the form to
// answer: the one to reuse, or a new one.
func (s *Server) applyForForm(ctx context.Context, tx *sql.Tx, req redFormRequest) (redForm, error) {
	blue, err := loadBlueForRed(ctx, tx, req.SellerTaxID, req.BlueNumber)
	if err != nil {
		return redForm{}, err
	}
	if err := checkReason(req, blue); err != nil {
		return redForm{}, err
	}
	if !req.Force {
		if f, ok, err := s.reusableForm(ctx, tx, blue.ID, req.Reason); ok || err != nil {
			return f, err
		}
	}
	lines, err := planFormLines(req, blue)
	if err != nil {
		return redForm{}, err
	}
	return s.newForm(ctx, tx, req, blue, lines)
}

// reusableForm finds the newest form against blue for reason not used by a
// red invoice, its state brought up to date first (it may be void).
func (s *Server) reusableForm(ctx context.Context, tx *sql.Tx, blueID int64, reason app.RedReason) (redForm, bool, error) {
	forms, err := loadRedForms(ctx, tx, formColumns+`
		WHERE f.blue_invoice_id = ? AND f.reason = ? AND f.red_invoice_id IS NULL
		ORDER BY f.applied_at DESC, f.number DESC`, blueID, string(reason))
	if err != nil {
		return redForm{}, false, err
	}
	if len(forms) == 0 {
		return redForm{}, false, nil
	}
	if err := s.settleForm(ctx, tx, &forms[0]); err != nil {
		return redForm{}, false, err
	}
	return forms[0], true, nil
}

// newForm stores a new form against blue. It needs the buyer's
// confirmation (02) once the buyer used or booked the invoice; otherwise
// none (01).
func (s *Server) newForm(ctx context.Context, tx *sql.Tx, req redFormRequest, blue blueForRed, lines []redFormLine) (redForm, error) {
	now := s.now().Truncate(time.Second)
	number, err := nextFormNumber(ctx, tx, req.SellerTaxID, now)
	if err != nil {
		return redForm{}, err
	}
	f := redForm{
		Number: number, UUID: newUUIDHex(), BlueID: blue.ID, BlueNumber: blue.Number,
		SellerTaxID: req.SellerTaxID, SellerName: blue.Seller.Name, BuyerTaxID: blue.Buyer.TaxID,
		Reason: req.Reason, Applicant: applicantSeller, Username: req.Username,
		State: app.RedFormNoConfirmation, AppliedAt: now, SimulatedBuyer: true, Lines: lines,
	}
	if blue.BuyerUsed || blue.BuyerBooked {
		f.State = app.RedFormAwaitingBuyer
	}
	f.TotalAmount, f.TotalTax = formTotals(lines)
	return f, insertRedForm(ctx, tx, f)
}
