package secretstore

import (
	"errors"
	"testing"

	"github.com/zalando/go-keyring"

	"fapiao/app"
)

func TestRoundTripThroughTheKeyring(t *testing.T) {
	keyring.MockInit()
	k := Keyring{}
	if _, err := k.Get(app.SecretInbound.Name); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("empty keyring: %v, want ErrNotFound", err)
	}
	if err := k.Set(app.SecretInbound.Name, "s3cr3t-value"); err != nil {
		t.Fatal(err)
	}
	if v, err := k.Get(app.SecretInbound.Name); v != "s3cr3t-value" || err != nil {
		t.Errorf("got %q %v", v, err)
	}
	if !Available() {
		t.Error("Available = false with a working keyring")
	}
	if err := k.Delete(app.SecretInbound.Name); err != nil {
		t.Fatal(err)
	}
	if err := k.Delete(app.SecretInbound.Name); err != nil {
		t.Errorf("deleting twice: %v", err)
	}
	if _, err := k.Get(app.SecretInbound.Name); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("after delete: %v", err)
	}
}

func TestNoKeyringIsSaidSo(t *testing.T) {
	keyring.MockInitWithError(errors.New("dbus: no session bus"))
	if _, err := (Keyring{}).Get("x"); !errors.Is(err, app.ErrNoKeyring) {
		t.Errorf("Get without a keyring: %v, want ErrNoKeyring", err)
	}
	if Available() {
		t.Error("Available = true without a keyring")
	}
	// The resolver then falls back to the environment and says where it looked.
	r := app.SecretResolver{Store: Keyring{}, Getenv: func(string) string { return "" }}
	if _, err := r.Lookup(app.SecretLeqiKey); err == nil || errors.Is(err, app.ErrNoKeyring) {
		t.Errorf("lookup without keyring or env: %v", err)
	}
}
