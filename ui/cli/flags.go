package cli

import (
	"flag"
	"fmt"
	"io"
)

// parseFlags parses fs from args, allowing flags after positional arguments
// ("show NUMBER --json"), which the flag package alone does not.
func parseFlags(fs *flag.FlagSet, args []string) (positional []string, err error) {
	fs.SetOutput(io.Discard)
	for {
		if err := fs.Parse(args); err != nil {
			return nil, fmt.Errorf("参数错误: %w", err)
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// badInput reports a usage error naming the argument and the rule.
func badInput(env Env, field, rule, msg string) int {
	fmt.Fprintf(env.Stderr, "%s [%s]: %s\n", field, rule, msg)
	return ExitBadInput
}
