package cli

import (
	"fmt"

	"fapiao/app"
)

// unavailable refuses a command the configured provider cannot serve,
// saying why in the capability set's words when it knows them (迅联云 has
// no face authentication…), else with fallback.
func unavailable(env Env, svc *app.Services, f app.Feature, fallback string) int {
	why := fallback
	if w := svc.Capabilities.Why(f); w != "" && svc.Capabilities.Provider != "" {
		why = w
	}
	fmt.Fprintln(env.Stderr, why)
	return ExitRefused
}
