package xunlian

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"fapiao/app"
)

// Reachable checks that baseURL answers HTTP at all, over verified TLS, for
// the settings screen's 测试连接. serverIssue has no harmless call — any
// valid request issues an invoice — so authorization is only learned on
// the first real issue; the caller says so.
func Reachable(ctx context.Context, baseURL string) error {
	client := &http.Client{Timeout: 15 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, baseURL, nil)
	if err != nil {
		return fmt.Errorf("迅联云地址(xunlian.base_url)无效: %w", err)
	}
	resp, err := client.Do(req)
	if err != nil {
		pe := providerError(app.KindTransient, "", "无法连接迅联云,请检查地址和网络", err)
		pe.Op, pe.NotSent = "connect", true
		return pe
	}
	resp.Body.Close()
	return nil
}
