package taxsync

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"
)

// zipMagic starts every zip archive (a local file header).
var zipMagic = []byte("PK\x03\x04")

// decodeContent turns an answer's content into the page's JSON. content is
// Base64 (whitespace and line breaks ignored, padding optional) of either
// the JSON itself or a zip whose first entry is the JSON. Which one is read
// from the bytes, not from what we asked for: servers have been seen to
// zip when told not to, and the other way round. A zip entry inflating to
// more than limit bytes is refused as a zip bomb.
func decodeContent(content string, limit int64) ([]byte, error) {
	raw, err := decodeBase64(content)
	if err != nil {
		return nil, err
	}
	if bytes.HasPrefix(raw, zipMagic) {
		return unzipFirst(raw, limit)
	}
	if int64(len(raw)) > limit {
		return nil, fmt.Errorf("content 解码后超过 %d 字节", limit)
	}
	return raw, nil
}

// decodeBase64 reads standard or URL-safe Base64, with or without padding,
// ignoring whitespace (Java's MIME encoders break lines every 76 characters).
func decodeBase64(text string) ([]byte, error) {
	clean := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\r', '\n', '\f', '\v':
			return -1
		case '-':
			return '+'
		case '_':
			return '/'
		}
		return r
	}, text)
	if clean == "" {
		return nil, errors.New("content 为空")
	}
	b, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(clean, "="))
	if err != nil {
		return nil, errors.New("content 不是有效的Base64")
	}
	return b, nil
}

// unzipFirst returns the first entry of a zip archive, as the seed's Java
// example does (ZipInputStream.getNextEntry, once).
func unzipFirst(archive []byte, limit int64) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) { // names are never used as paths here
		return nil, fmt.Errorf("content 不是有效的zip压缩包:%v", err)
	}
	if len(zr.File) == 0 {
		return nil, errors.New("content 的zip压缩包是空的")
	}
	first := zr.File[0]
	// The declared size can lie; it only lets an honest bomb be refused
	// without inflating it. The limited read below is what holds.
	if first.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("content 的zip条目声明解压后 %d 字节,超过 %s,疑为压缩炸弹,已拒绝",
			first.UncompressedSize64, sizeText(limit))
	}
	rc, err := first.Open()
	if err != nil {
		return nil, fmt.Errorf("content 的zip条目无法打开:%v", err)
	}
	defer rc.Close()
	data, err := readLimited(rc, limit)
	if errors.Is(err, zip.ErrFormat) {
		// archive/zip fails so exactly when an entry inflates past its
		// declared size: a bomb whose header lies.
		return nil, errors.New("content 的zip条目解压后大于其声明的大小,疑为压缩炸弹,已拒绝")
	}
	return data, err
}

// readLimited reads r to its end, refusing more than limit bytes. It is
// what bounds memory whatever archive/zip believes about an entry's size.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	switch {
	case int64(len(data)) > limit:
		return nil, errors.New("content 解压后超过 " + sizeText(limit) + ",疑为压缩炸弹,已拒绝")
	case errors.Is(err, zip.ErrFormat):
		return nil, err
	case err != nil:
		return nil, fmt.Errorf("content 的zip条目解压失败:%v", err)
	}
	return data, nil
}

// sizeText is a byte limit for a message: in MB when it is that large.
func sizeText(limit int64) string {
	if limit >= 1<<20 {
		return fmt.Sprintf("%d MB", limit>>20)
	}
	return fmt.Sprintf("%d 字节", limit)
}
