package store

import "strings"

// likeEscaper makes a clerk's text literal inside a LIKE pattern: % and _
// are wildcards to SQLite, not to a clerk searching "100%_A". Every LIKE in
// this package says ESCAPE '\'.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// containsPattern matches text anywhere.
func containsPattern(text string) string { return "%" + likeEscaper.Replace(text) + "%" }

// prefixPattern matches values starting with text.
func prefixPattern(text string) string { return likeEscaper.Replace(text) + "%" }
