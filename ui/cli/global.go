package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Global holds the flags that come before the command.
type Global struct {
	Home string // the home directory: fapiao.db, config.toml, sandbox.db, logs
}

// ParseGlobal reads the global flags (--home DIR; env FAPIAO_HOME; default
// os.UserConfigDir()/fapiao) and returns the rest: the command and its
// arguments, empty for the desktop app.
func ParseGlobal(args []string) (Global, []string, error) {
	g := Global{Home: os.Getenv("FAPIAO_HOME")}
	for len(args) > 0 {
		a := args[0]
		switch {
		case a == "--home" || a == "-home":
			if len(args) < 2 || args[1] == "" {
				return g, nil, fmt.Errorf("--home 需要一个目录")
			}
			g.Home, args = args[1], args[2:]
		case strings.HasPrefix(a, "--home="):
			g.Home, args = strings.TrimPrefix(a, "--home="), args[1:]
		default:
			return finishGlobal(g, args)
		}
	}
	return finishGlobal(g, args)
}

func finishGlobal(g Global, rest []string) (Global, []string, error) {
	if g.Home == "" {
		dir, err := os.UserConfigDir()
		if err != nil {
			return g, nil, fmt.Errorf("找不到配置目录,请用 --home 指定: %w", err)
		}
		g.Home = filepath.Join(dir, "fapiao")
	}
	return g, rest, nil
}
