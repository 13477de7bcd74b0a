// Package syntax forwards to the standard library's regexp/syntax (see ../go.mod for why).
package syntax

import std "regexp/syntax"

type (
	Regexp    = std.Regexp
	Op        = std.Op
	Flags     = std.Flags
	Error     = std.Error
	ErrorCode = std.ErrorCode
	EmptyOp   = std.EmptyOp
	Prog      = std.Prog
	Inst      = std.Inst
	InstOp    = std.InstOp
)

const (
	OpNoMatch        = std.OpNoMatch
	OpEmptyMatch     = std.OpEmptyMatch
	OpLiteral        = std.OpLiteral
	OpCharClass      = std.OpCharClass
	OpAnyCharNotNL   = std.OpAnyCharNotNL
	OpAnyChar        = std.OpAnyChar
	OpBeginLine      = std.OpBeginLine
	OpEndLine        = std.OpEndLine
	OpBeginText      = std.OpBeginText
	OpEndText        = std.OpEndText
	OpWordBoundary   = std.OpWordBoundary
	OpNoWordBoundary = std.OpNoWordBoundary
	OpCapture        = std.OpCapture
	OpStar           = std.OpStar
	OpPlus           = std.OpPlus
	OpQuest          = std.OpQuest
	OpRepeat         = std.OpRepeat
	OpConcat         = std.OpConcat
	OpAlternate      = std.OpAlternate

	FoldCase      = std.FoldCase
	Literal       = std.Literal
	ClassNL       = std.ClassNL
	DotNL         = std.DotNL
	OneLine       = std.OneLine
	NonGreedy     = std.NonGreedy
	PerlX         = std.PerlX
	UnicodeGroups = std.UnicodeGroups
	WasDollar     = std.WasDollar
	Simple        = std.Simple
	MatchNL       = std.MatchNL
	Perl          = std.Perl
	POSIX         = std.POSIX
)

func Parse(s string, flags Flags) (*Regexp, error) { return std.Parse(s, flags) }
func Compile(re *Regexp) (*Prog, error)            { return std.Compile(re) }
