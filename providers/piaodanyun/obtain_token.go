package piaodanyun

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

const (
	opObtainToken   = "obtainToken"
	pathObtainToken = "/obtainToken"
	tokenTypeTaxAPI = "TaxApi" // 数电票接口
	maxTokenBytes   = 4096
)

// tokenRequest is obtainToken's JSON body. The seed's table names the phone
// "phone" and its example "phone_email"; we send both with the same value.
type tokenRequest struct {
	Phone      string `json:"phone"`
	PhoneEmail string `json:"phone_email"`
	Pass       string `json:"pass"`
	TenantID   int64  `json:"tenant_id"`
	TokenType  string `json:"token_type"`
}

// obtainToken logs the account in and returns a new access token.
func (c *Client) obtainToken(ctx context.Context) (accessToken, error) {
	resp, err := c.api.R().
		SetContext(ctx).
		SetHeader("Content-Type", "application/json").
		SetHeader("Accept", "application/json").
		SetBody(tokenRequest{
			Phone: c.cfg.Phone, PhoneEmail: c.cfg.Phone, Pass: c.cfg.Password,
			TenantID: c.cfg.TenantID, TokenType: tokenTypeTaxAPI,
		}).
		Post(c.cfg.BaseURL + pathObtainToken)
	if err != nil {
		return accessToken{}, transportError(opObtainToken, err)
	}
	v := c.judge(opObtainToken, resp.StatusCode(), resp.Body())
	switch {
	case v.tokenExpired:
		return accessToken{}, providerError(app.KindCredentials, opObtainToken, "",
			fmt.Sprintf("票单云拒绝了账号登录(HTTP %d),请检查手机号、密码和租户ID", resp.StatusCode()), nil)
	case v.err != nil:
		return accessToken{}, v.err
	}
	tok, err := decodeTokenData(v.data, c.now())
	if err != nil {
		// The body is not quoted: it may hold a token in a shape we do not know.
		return accessToken{}, c.malformedError(opObtainToken, resp.StatusCode(), nil, err.Error())
	}
	return tok, nil
}

// tokenObject is data when the provider answers with an object instead of
// the bare token string.
type tokenObject struct {
	Token            flexString  `json:"token"`
	AccessToken      flexString  `json:"access_token"`
	AccessTokenCamel flexString  `json:"accessToken"`
	ExpiresIn        flexDecimal `json:"expires_in"`
	ExpiresInCamel   flexDecimal `json:"expiresIn"`
	ExpireTime       flexString  `json:"expire_time"`
	ExpireTimeCamel  flexString  `json:"expireTime"`
}

// decodeTokenData reads obtainToken's data: the token as a string, or an
// object holding it and optionally its lifetime.
func decodeTokenData(data json.RawMessage, now time.Time) (accessToken, error) {
	if !hasData(data) {
		return accessToken{}, errors.New("成功应答中没有令牌(data 为空)")
	}
	var value string
	expiresAt := now.Add(defaultTokenTTL)
	if err := json.Unmarshal(data, &value); err != nil {
		var obj tokenObject
		if err := json.Unmarshal(data, &obj); err != nil {
			return accessToken{}, errors.New("令牌数据既不是字符串也不是对象")
		}
		value = firstNonEmpty(obj.Token.String(), obj.AccessToken.String(), obj.AccessTokenCamel.String())
		if at, ok := obj.expiry(now); ok {
			expiresAt = at
		}
	}
	if err := checkToken(value); err != nil {
		return accessToken{}, err
	}
	return accessToken{value: value, expiresAt: expiresAt}, nil
}

// maxTokenTTL caps a lifetime the provider states, so that a wrong expiry
// cannot pin a token for months.
const maxTokenTTL = 30 * 24 * time.Hour

// expiry reads a lifetime in seconds or an expiry time in China time. An
// expiry we cannot read, or one already past, is ignored: the server's 401
// still tells us when the token has really gone.
func (o tokenObject) expiry(now time.Time) (time.Time, bool) {
	for _, secs := range []flexDecimal{o.ExpiresIn, o.ExpiresInCamel} {
		if !secs.Valid {
			continue
		}
		if ttl := secondsUpTo(secs.Value, maxTokenTTL); ttl > 0 {
			return now.Add(ttl), true
		}
	}
	for _, text := range []flexString{o.ExpireTime, o.ExpireTimeCamel} {
		at, err := time.ParseInLocation(time.DateTime, text.String(), app.ChinaTime)
		if err == nil && at.After(now) {
			if at.Sub(now) > maxTokenTTL {
				at = now.Add(maxTokenTTL)
			}
			return at, true
		}
	}
	return time.Time{}, false
}

// checkToken refuses what cannot be sent as a header value.
func checkToken(value string) error {
	if value == "" {
		return errors.New("成功应答中的令牌为空")
	}
	if len(value) > maxTokenBytes {
		return errors.New("令牌过长")
	}
	for i := 0; i < len(value); i++ {
		if value[i] <= ' ' || value[i] > '~' {
			return errors.New("令牌含有不可见或非ASCII字符")
		}
	}
	return nil
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// secondsUpTo converts a number of seconds to a duration no longer than
// limit, comparing first so that a huge number cannot overflow.
func secondsUpTo(secs decimal.Decimal, limit time.Duration) time.Duration {
	if secs.GreaterThan(decimal.NewFromInt(int64(limit / time.Second))) {
		return limit
	}
	return time.Duration(secs.Mul(decimal.NewFromInt(int64(time.Second))).IntPart())
}
