package sandbox

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"encoding/json"
)

// inboundZipEntry is the one entry of a zipped content.
const inboundZipEntry = "data.json"

// encodeInboundContent writes an answer's content: Base64 of the JSON, or
// with zipped (iszip=1) Base64 of a zip holding the JSON as its one entry
// (seed 002 §6). The same page always encodes to the same bytes.
func encodeInboundContent(v any, zipped bool) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // like writeJSON: names with & stay as written
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	data := bytes.TrimSpace(buf.Bytes())
	if zipped {
		var err error
		if data, err = zipOne(inboundZipEntry, data); err != nil {
			return "", err
		}
	}
	return base64.StdEncoding.EncodeToString(data), nil
}

// zipOne zips data as the one entry name. The entry carries no
// modification time, so the archive depends on data alone.
func zipOne(name string, data []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
	if err != nil {
		return nil, err
	}
	if _, err := f.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
