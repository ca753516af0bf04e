package fsl

import (
	"strings"
	"unicode"

	"github.com/faunaplay/playground/engine/schema"
)

// fslStarts and gqlStarts are the words a schema of each language starts
// with (after comments and spaces).
var (
	fslStarts = set("collection", "function", "role", "access", "@role", "@alias")
	gqlStarts = set("type", "schema", "enum", "input", "scalar", "directive", "interface", "union", "extend")
)

// Detect says which language src is written in, schema.FSLLang or
// schema.GraphQL, by its first significant word; an empty text, or one
// neither language starts so, is GraphQL (the playground's first language).
func Detect(src string) string {
	s := src
	fslComment := false // `//` and `/* */` are FSL's comments, not GraphQL's
	for {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
		switch {
		case strings.HasPrefix(s, "//"):
			// A line comment in FSL; GraphQL's comments are `#`.
			if i := strings.IndexByte(s, '\n'); i >= 0 {
				s, fslComment = s[i+1:], true
				continue
			}
			return schema.FSLLang
		case strings.HasPrefix(s, "/*"):
			if i := strings.Index(s, "*/"); i >= 0 {
				s, fslComment = s[i+2:], true
				continue
			}
			return schema.FSLLang
		case strings.HasPrefix(s, "#"):
			if i := strings.IndexByte(s, '\n'); i >= 0 {
				s = s[i+1:]
				continue
			}
			return schema.GraphQL
		case strings.HasPrefix(s, `"`):
			return schema.GraphQL // a description
		}
		break
	}
	word := s
	if i := strings.IndexFunc(s, func(r rune) bool { return !(r == '@' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)) }); i >= 0 {
		word = s[:i]
	}
	switch {
	case fslStarts[word]:
		return schema.FSLLang
	case gqlStarts[word]:
		return schema.GraphQL
	case strings.HasPrefix(word, "@"):
		return schema.FSLLang // another annotation before a definition
	case word == "" && fslComment:
		return schema.FSLLang
	}
	return schema.GraphQL
}
