package engine_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/faunaplay/playground/engine"
)

func TestExploreSchema(t *testing.T) {
	if os.Getenv("EXPLORE") == "" {
		t.Skip()
	}
	var types5000, fields10000, rel5000, list strings.Builder
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&types5000, "type T%d { name: String! n: Int }\n", i)
		fmt.Fprintf(&rel5000, "type R%d { name: String! next: R%d prev: [R%d!] @relation(name: \"r%d\") }\n", i, (i+1)%5000, (i+4999)%5000, i)
	}
	fields10000.WriteString("type Big {\n")
	for i := 0; i < 10000; i++ {
		fmt.Fprintf(&fields10000, "  f%d: String\n", i)
	}
	fields10000.WriteString("}\n")
	list.WriteString("type A { x: String @index(name: " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + ") }")
	many := "type U { a: String }\n" + strings.Repeat("type U { a: String }\n", 5000)
	attacks := []struct{ name, sdl string }{
		{"5000 types", types5000.String()},
		{"5000 types relations", rel5000.String()},
		{"10000 fields", fields10000.String()},
		{"deep list value", list.String()},
		{"5000 duplicate types", many},
		{"5MB sdl", "type A { " + strings.Repeat("a: String ", 500_000) + "}"},
		{"deep list type", "type A { a: " + strings.Repeat("[", 10000) + "String" + strings.Repeat("]", 10000) + " }"},
	}
	for _, a := range attacks {
		e := engine.New()
		done := make(chan engine.SchemaReport, 1)
		start := time.Now()
		go func() { done <- e.SetSchema(a.sdl) }()
		select {
		case r := <-done:
			msg := fmt.Sprintf("collections=%d errors=%d", len(r.Collections), len(r.Errors))
			if len(r.Errors) > 0 {
				msg += fmt.Sprintf(" %d:%d %s", r.Errors[0].Line, r.Errors[0].Column, r.Errors[0].Message)
			}
			if len(msg) > 160 {
				msg = msg[:160]
			}
			fmt.Printf("%-24s %8v sdl=%dKB  %s\n", a.name, time.Since(start).Round(time.Millisecond), len(a.sdl)>>10, msg)
		case <-time.After(30 * time.Second):
			fmt.Printf("%-24s HANG >30s\n", a.name)
			os.Exit(1)
		}
	}
}
