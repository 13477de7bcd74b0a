// Package regexp forwards to the standard library's regexp (see go.mod for why it exists).
package regexp

import (
	"io"
	std "regexp"
)

type Regexp = std.Regexp

func Compile(expr string) (*Regexp, error)      { return std.Compile(expr) }
func CompilePOSIX(expr string) (*Regexp, error) { return std.CompilePOSIX(expr) }
func MustCompile(str string) *Regexp            { return std.MustCompile(str) }
func MustCompilePOSIX(str string) *Regexp       { return std.MustCompilePOSIX(str) }
func Match(pattern string, b []byte) (bool, error) {
	return std.Match(pattern, b)
}
func MatchReader(pattern string, r io.RuneReader) (bool, error) {
	return std.MatchReader(pattern, r)
}
func MatchString(pattern string, s string) (bool, error) {
	return std.MatchString(pattern, s)
}
func QuoteMeta(s string) string { return std.QuoteMeta(s) }
