// Package secretstore keeps the providers' secrets in the OS keyring
// (Secret Service on Linux, Keychain on macOS, Credential Manager on
// Windows) through github.com/zalando/go-keyring, which speaks to each of
// them without cgo. Nothing here ever logs or quotes a secret.
package secretstore

import (
	"errors"
	"fmt"

	"github.com/zalando/go-keyring"

	"fapiao/app"
)

// Service is the keyring service every Fapiao secret is filed under.
const Service = "fapiao"

// Keyring is app.SecretStore over the OS keyring.
type Keyring struct{}

var _ app.SecretStore = Keyring{}

// Get returns app.ErrNotFound when nothing is stored under name, and an
// error wrapping app.ErrNoKeyring when no keyring answers (a headless
// Linux without a Secret Service).
func (Keyring) Get(name string) (string, error) {
	v, err := keyring.Get(Service, name)
	return v, classify(err)
}

// Set stores the secret under name, replacing any before it.
func (Keyring) Set(name, value string) error {
	return classify(keyring.Set(Service, name, value))
}

// Delete removes the secret; removing one that is not there is no error.
func (Keyring) Delete(name string) error {
	err := classify(keyring.Delete(Service, name))
	if errors.Is(err, app.ErrNotFound) {
		return nil
	}
	return err
}

// Available reports whether a keyring answers at all, so the settings
// screen can offer environment variables instead before the clerk types.
func Available() bool {
	_, err := Keyring{}.Get("probe")
	return err == nil || errors.Is(err, app.ErrNotFound)
}

// classify maps go-keyring's errors to the app's. Its errors carry no
// secret: they come from the platform (D-Bus, Keychain) about the call.
func classify(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, keyring.ErrNotFound):
		return app.ErrNotFound
	case errors.Is(err, keyring.ErrSetDataTooBig):
		return errors.New("密钥过长,系统钥匙串无法保存")
	}
	return fmt.Errorf("%w: %v", app.ErrNoKeyring, err)
}
