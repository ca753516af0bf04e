package schema

import "testing"

func TestClosest(t *testing.T) {
	candidates := []string{"String", "Int", "ID", "Long", "Date", "Time", "User", "Users"}
	for _, tc := range []struct{ name, want string }{
		{"Strin", "String"},
		{"string", "String"}, // a difference of case alone
		{"Sting", "String"},
		{"Srting", "String"}, // a transposition is one edit
		{"Usr", "User"},
		{"Userz", "User"}, // a tie goes to the name first in alphabetical order
		{"Lnog", "Long"},
		{"Qwertyuiop", ""}, // nothing near
		{"X", ""},
		{"Dtae", "Date"},
	} {
		if got := closest(tc.name, candidates); got != tc.want {
			t.Errorf("closest(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "abc", 3}, {"kitten", "sitting", 3},
		{"ab", "ba", 1}, {"abc", "ABC", 0}, {"relaton", "relation", 1}, {"ça", "ca", 1},
	} {
		if got := distance(tc.a, tc.b); got != tc.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
