package schema

import "strings"

// FaunaDeclarations is the SDL of the scalars and directives Fauna's
// GraphQL import knew without the user declaring them, as Parse adds them:
// the schema editor completes the directives and types from it.
func FaunaDeclarations() string {
	var b strings.Builder
	for _, d := range faunaDeclarations {
		b.WriteString(d.sdl + "\n")
	}
	return b.String()
}
