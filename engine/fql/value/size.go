package value

import (
	"github.com/faunaplay/playground/engine/diag"
)

// Limits on the values one query builds, so a few characters of FQL (a
// string doubled in a fold, an array concatenated with itself) cannot take
// the browser tab's memory: each is an error with code limit_exceeded.
const (
	MaxString = 8 << 20   // bytes in one String (8 MiB)
	MaxArray  = 1_000_000 // elements in one Array
)

// StringTooLong is the error for a String of n bytes (n > MaxString) at pos.
func StringTooLong(pos diag.Pos, n int) *diag.Error {
	return diag.Errorf(diag.LimitExceeded, pos, "the String would be %s bytes long; the limit is %s (8 MiB)", thousands(n), thousands(MaxString))
}

// ArrayTooLong is the error for an Array of n elements (n > MaxArray) at pos.
func ArrayTooLong(pos diag.Pos, n int) *diag.Error {
	return diag.Errorf(diag.LimitExceeded, pos, "the Array would have %s elements; the limit is %s", thousands(n), thousands(MaxArray))
}

// CheckSize fails when v, a String or an Array just built, is over its
// limit; other values pass.
func CheckSize(pos diag.Pos, v Value) error {
	switch x := v.(type) {
	case String:
		if len(x) > MaxString {
			return StringTooLong(pos, len(x))
		}
	case Array:
		if len(x) > MaxArray {
			return ArrayTooLong(pos, len(x))
		}
	}
	return nil
}

// Work is what a built-in's pass over v costs in steps, beyond its call:
// one for every 64 bytes of a String, every 64 elements of an Array or
// fields of an Object (copying them is cheap; comparing them is charged
// apart, by EqualWork). Built-ins are charged it for their receiver, their
// arguments and their result, so `s.length` of an 8 MiB string costs
// 131,072 steps, not one (under wasm, counting 8 MiB takes some 50 ms).
func Work(v Value) int {
	switch x := v.(type) {
	case String:
		return len(x) / 64
	case Array:
		return len(x) / 64
	case *Object:
		return len(x.Keys) / 64
	}
	return 0
}

// thousands writes n with comma separators: 8,388,608.
func thousands(n int) string { return diag.Thousands(n) }
