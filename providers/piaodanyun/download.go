package piaodanyun

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/go-resty/resty/v2"
)

const (
	// maxDocumentBytes bounds a layout file; real ones are well under 1 MB.
	maxDocumentBytes = 20 << 20
	// maxDownloadRedirects bounds the redirects a file download follows.
	maxDownloadRedirects = 5
)

// download fetches a layout file from the URL the provider gave, which is
// usually on the bureau's own host. It never sends the token (the files
// client has none), keeps TLS verification on, and refuses bodies over
// maxDocumentBytes and answers other than 200 with content.
func (c *Client) download(ctx context.Context, link string) ([]byte, error) {
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return nil, transientError(opLayout, fmt.Sprintf("版式文件地址无效:%q", c.quote([]byte(link))), nil)
	}
	resp, err := c.files.R().SetContext(ctx).Get(u.String())
	switch {
	case errors.Is(err, resty.ErrResponseBodyTooLarge):
		return nil, transientError(opLayout, fmt.Sprintf("版式文件超过%dMB,已放弃下载", maxDocumentBytes>>20), err)
	case err != nil:
		pe := transportError(opLayout, err)
		pe.Message = "下载版式文件失败:" + pe.Message
		return nil, pe
	case resp.StatusCode() != http.StatusOK:
		return nil, transientError(opLayout, fmt.Sprintf("下载版式文件失败(HTTP %d)", resp.StatusCode()), nil)
	case len(resp.Body()) == 0:
		return nil, transientError(opLayout, "下载的版式文件为空", nil)
	}
	return resp.Body(), nil
}
