package cli

import (
	"bufio"
	"io"
	"os"
	"strings"
)

// isTerminal reports whether w is a terminal a person is looking at, so
// that a QR code is drawn in it only then (not into a pipe or a file).
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// readLine reads one answer from r, trimmed.
func readLine(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && line == "" {
		return "", err
	}
	return strings.TrimSpace(line), nil
}
