package leqi

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/emmansun/gmsm/sm4"
)

// The example of GB/T 32907-2016 (appendix A): key = plaintext =
// 0123456789abcdeffedcba9876543210.
const (
	gbKeyHex      = "0123456789abcdeffedcba9876543210"
	gbOnceHex     = "681edf34d206965e86b3e94f536e4246"
	gbMillionHex  = "595298c7c6fd271f0402f804c33d3f66"
	gbIterations  = 1_000_000
	blockSizeSM4  = 16
	unrelatedKey  = "00112233445566778899aabbccddeeff"
	otherValidKey = "ffeeddccbbaa99887766554433221100"
)

func mustHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSM4StandardVector(t *testing.T) {
	key := mustHex(t, gbKeyHex)
	block, err := sm4.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]byte, blockSizeSM4)
	block.Encrypt(out, key)
	if got := hex.EncodeToString(out); got != gbOnceHex {
		t.Fatalf("encrypt once = %s, want %s", got, gbOnceHex)
	}
	back := make([]byte, blockSizeSM4)
	block.Decrypt(back, out)
	if !bytes.Equal(back, key) {
		t.Fatalf("decrypt = %x", back)
	}
}

func TestSM4StandardVectorMillionFold(t *testing.T) {
	if testing.Short() {
		t.Skip("1,000,000 encryptions")
	}
	key := mustHex(t, gbKeyHex)
	block, err := sm4.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	v := append([]byte(nil), key...)
	for i := 0; i < gbIterations; i++ {
		block.Encrypt(v, v)
	}
	if got := hex.EncodeToString(v); got != gbMillionHex {
		t.Fatalf("after %d encryptions = %s, want %s", gbIterations, got, gbMillionHex)
	}
}

// The whole envelope (ECB, PKCS7, base64) against texts made by OpenSSL
// 3.0.19: printf TEXT | openssl enc -sm4-ecb -K 0123…3210 -base64 -A.
func TestSealMatchesOpenSSL(t *testing.T) {
	s, err := newSealer(mustHex(t, gbKeyHex))
	if err != nil {
		t.Fatal(err)
	}
	for plain, want := range map[string]string{
		``:                 "ACqKTvqGPMrQJKwDALtA0g==",
		`0123456789abcdef`: "5oh7d9urtXL/oH/tdUixkgAqik76hjzK0CSsAwC7QNI=",
		`{"nsrsbh":"9111011457319202X9","lysl":10}`: "PqMQ7vtTY8XA02/XhKJpZ5EnnfNIBCa2BnkmoWPnReeTFCtDmg0l6TgfImZoWMIB",
		`{"returncode":"00","returnmsg":"成功"}`:      "pjJcxQs6RaLuqi8Uea4mkizork/J0TEZIwfNUmPkThHpADrZk87KEiFf5FHT7Y3e",
	} {
		if got := s.seal([]byte(plain)); got != want {
			t.Errorf("seal(%q) = %s, want %s", plain, got, want)
		}
		back, err := s.open(want)
		if err != nil || string(back) != plain {
			t.Errorf("open(%s) = %q, %v; want %q", want, back, err, plain)
		}
	}
}

func TestSealRoundTrips(t *testing.T) {
	s, _ := newSealer(mustHex(t, testKey))
	for _, n := range []int{0, 15, 16, 17, 1000} {
		plain := bytes.Repeat([]byte("税"), n/3+1)[:n] // bytes, cut anywhere
		text := s.seal(plain)
		sealedLen := (n/blockSizeSM4 + 1) * blockSizeSM4
		if raw := s.encrypt(plain); len(raw) != sealedLen {
			t.Errorf("len %d: %d bytes sealed, want %d (PKCS7 always pads)", n, len(raw), sealedLen)
		}
		back, err := s.open(text)
		if err != nil || !bytes.Equal(back, plain) {
			t.Errorf("len %d: round trip = %d bytes, %v", n, len(back), err)
		}
		if n > 0 && bytes.Contains([]byte(text), plain) {
			t.Errorf("len %d: sealed text holds the plaintext", n)
		}
	}
}

func TestSealDoesNotTouchItsInput(t *testing.T) {
	s, _ := newSealer(mustHex(t, testKey))
	plain := make([]byte, 5, 64) // room to pad in place
	copy(plain, "hello")
	_ = s.seal(plain)
	if string(plain[:cap(plain)][:6]) != "hello\x00" {
		t.Errorf("seal wrote into the caller's array: %q", plain[:cap(plain)][:6])
	}
}

func TestOpenWithWrongKeyFailsCleanly(t *testing.T) {
	right, _ := newSealer(mustHex(t, testKey))
	for _, k := range []string{unrelatedKey, otherValidKey, gbKeyHex} {
		wrong, _ := newSealer(mustHex(t, k))
		for _, n := range []int{0, 15, 16, 17, 1000} {
			plain := []byte(strings.Repeat("x", n))
			if got, err := wrong.open(right.seal(plain)); err == nil {
				t.Errorf("key %s, len %d: opened to %q with the wrong key", k[:4], n, got)
			}
		}
	}
}

func TestOpenRefusesWhatIsNotSealed(t *testing.T) {
	s, _ := newSealer(mustHex(t, testKey))
	for name, text := range map[string]string{
		"empty":         "",
		"not base64":    "这不是密文",
		"partial block": "AAAAAAAA",                                     // 6 bytes
		"17 bytes":      "AAAAAAAAAAAAAAAAAAAAAAA=",                     // 17 bytes
		"bad padding":   "AAAAAAAAAAAAAAAAAAAAAA==",                     // one block, random padding
		"two blocks":    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", // 32 bytes
	} {
		if got, err := s.open(text); err == nil {
			t.Errorf("%s: opened %q to %q", name, text, got)
		}
	}
}

func TestOpenIgnoresLineBreaksAndMissingPadding(t *testing.T) {
	s, _ := newSealer(mustHex(t, testKey))
	plain := []byte(strings.Repeat(`{"returncode":"00"}`, 10))
	text := s.seal(plain)
	var wrapped strings.Builder
	for i := 0; i < len(text); i += 76 {
		wrapped.WriteString(text[i:min(i+76, len(text))] + "\r\n")
	}
	for name, variant := range map[string]string{
		"wrapped":    wrapped.String(),
		"spaces":     " " + strings.Join(strings.Split(text, ""), " ") + "\t",
		"no padding": strings.TrimRight(text, "="),
	} {
		back, err := s.open(variant)
		if err != nil || !bytes.Equal(back, plain) {
			t.Errorf("%s: %q, %v", name, back, err)
		}
	}
}

func TestNewSealerWantsSixteenBytes(t *testing.T) {
	for _, n := range []int{0, 15, 17, 32} {
		if _, err := newSealer(make([]byte, n)); err == nil {
			t.Errorf("accepted a %d-byte key", n)
		}
	}
}
