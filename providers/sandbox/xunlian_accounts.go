package sandbox

import (
	"errors"
	"fmt"

	"fapiao/app"
)

// The demo account of 迅联云 hosted issuance (serverIssue). A simulator's
// account is not a secret: it only issues sandbox invoices.
const (
	DemoCompanyDataResource = "sandbox"     // 数据来源 (companyDataResource)
	DemoTerminalCode        = "SANDBOX-T01" // its issuing terminal (terminalCode)
)

// maxDataResourceLen is seed 003's length of companyDataResource.
const maxDataResourceLen = 36

// XunlianAccount is one 迅联云 account serverIssue accepts: the data
// source a third-party system was authorized under, its terminal and the
// company it issues for.
type XunlianAccount struct {
	// CompanyDataResource (数据来源) names the account: letters and
	// digits, at most 36.
	CompanyDataResource string
	// TerminalCode (终端编号) is the account's issuing terminal; requests
	// naming another are refused as unauthorized.
	TerminalCode string
	// SellerTaxID is the company the account issues for. Empty binds the
	// account to the first seller that issues through it (remembered in
	// the database), so the demo account works for whichever company the
	// app is configured with.
	SellerTaxID string
}

// xunlianDefaults fills in the demo account and checks the accounts.
func (o *Options) xunlianDefaults() error {
	if len(o.XunlianAccounts) == 0 {
		o.XunlianAccounts = []XunlianAccount{{CompanyDataResource: DemoCompanyDataResource, TerminalCode: DemoTerminalCode}}
	}
	seen := map[string]bool{}
	for _, a := range o.XunlianAccounts {
		if err := a.validate(); err != nil {
			return err
		}
		if seen[a.CompanyDataResource] {
			return fmt.Errorf("sandbox: 迅联云 account %q given twice", a.CompanyDataResource)
		}
		seen[a.CompanyDataResource] = true
	}
	return nil
}

func (a XunlianAccount) validate() error {
	switch {
	case a.CompanyDataResource == "" || len(a.CompanyDataResource) > maxDataResourceLen || !isAlnum(a.CompanyDataResource):
		return fmt.Errorf("sandbox: 迅联云 CompanyDataResource %q must be 1–%d letters or digits", a.CompanyDataResource, maxDataResourceLen)
	case a.TerminalCode == "":
		return fmt.Errorf("sandbox: 迅联云 account %q needs a TerminalCode", a.CompanyDataResource)
	case a.SellerTaxID != "" && app.ValidateTaxID(a.SellerTaxID) != nil:
		return errors.New("sandbox: 迅联云 SellerTaxID: " + app.ValidateTaxID(a.SellerTaxID).Message)
	}
	return nil
}

// xunlianAccount returns the account named by companyDataResource.
func (s *Server) xunlianAccount(resource string) (XunlianAccount, bool) {
	for _, a := range s.opts.XunlianAccounts {
		if a.CompanyDataResource == resource {
			return a, true
		}
	}
	return XunlianAccount{}, false
}

// isAlnum reports whether s holds only ASCII letters and digits.
func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
			return false
		}
	}
	return true
}
