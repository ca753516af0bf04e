package diag

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxEcho is how much of a user's input an error message repeats.
const MaxEcho = 200

// Clip cuts s, input echoed in a message, at MaxEcho characters and says
// how long it was: a 200 KB identifier must not make a 200 KB message.
func Clip(s string) string {
	if len(s) <= MaxEcho {
		return s
	}
	n := utf8.RuneCountInString(s)
	if n <= MaxEcho {
		return s
	}
	cut := 0
	for range MaxEcho {
		_, w := utf8.DecodeRuneInString(s[cut:])
		cut += w
	}
	return s[:cut] + fmt.Sprintf("… (%s characters)", Thousands(n))
}

// Thousands writes n with commas: 1,048,576.
func Thousands(n int) string {
	if n < 0 {
		return "-" + Thousands(-n)
	}
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// ClipEchoes cuts, in a finished message, what can only be echoed input:
// a part between backquotes or double quotes, or a run without spaces,
// longer than MaxEcho (gqlparser's messages quote the names they were
// given, whatever their length).
func ClipEchoes(msg string) string {
	if len(msg) <= MaxEcho {
		return msg
	}
	var b strings.Builder
	for i := 0; i < len(msg); {
		c := msg[i]
		if c == '`' || c == '"' {
			if j := strings.IndexByte(msg[i+1:], c); j > MaxEcho {
				b.WriteByte(c)
				b.WriteString(Clip(msg[i+1 : i+1+j]))
				b.WriteByte(c)
				i += j + 2
				continue
			}
		}
		if j := strings.IndexAny(msg[i:], " \n\t`\""); j > MaxEcho || (j < 0 && len(msg)-i > MaxEcho) {
			if j < 0 {
				j = len(msg) - i
			}
			b.WriteString(Clip(msg[i : i+j]))
			i += j
			continue
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}
