package schema

import (
	"strings"

	"github.com/faunaplay/playground/engine/diag"
)

// What the FSL reader (engine/fsl) shares with the GraphQL recognition: the
// reserved names, the suggestions and the derived index names, so both
// languages refuse and name things alike.

// ReservedField says why a document field may not be called name, or "".
func ReservedField(name string) string { return reservedFields[name] }

// ReservedCollectionName says why name cannot be a collection's, or "".
func ReservedCollectionName(name string) string { return reservedCollectionName(name) }

// IsCollectionMethod reports whether name is a method every collection has
// in FQL (all, byId, where, ...), which an index may not hide.
func IsCollectionMethod(name string) bool { return collectionMethods[name] }

// IsIdentifier reports whether s is an FQL identifier.
func IsIdentifier(s string) bool { return identifier.MatchString(s) }

// Closest is the candidate nearest to name, or "" when none is near enough
// to be what was meant ("Did you mean ...?").
func Closest(name string, candidates []string) string { return closest(name, candidates) }

// DerivedIndexName is the name an index on terms gets when the schema does
// not name it: byOwner, byUserAndCar (a caller numbers it when taken).
func DerivedIndexName(terms []string) string {
	name := "by"
	for i, t := range terms {
		if i > 0 {
			name += "And"
		}
		for _, part := range strings.Split(t, ".") {
			name += upperFirst(part) // a path: byAddressCity
		}
	}
	return name
}

// DefaultRelationName is the name of an unnamed relation read from field of
// type typ: user_cars for User.cars (a caller numbers it when taken).
func DefaultRelationName(typ, field string) string { return lowerFirst(typ) + "_" + field }

// PosAt is the line and column of byte offset off of src.
func PosAt(src string, off int) diag.Pos { return posAt(src, off) }

// Within moves p onto a character of src, so the editor has one to mark.
func Within(src string, p diag.Pos) diag.Pos { return within(src, p) }

// SortErrors puts errors in the order of the text.
func SortErrors(errs []*diag.Error) { sortErrors(errs) }
