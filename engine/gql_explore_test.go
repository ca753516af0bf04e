package engine_test

import (
	"fmt"
	"os"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/faunaplay/playground/engine"
)

func TestExploreGQL(t *testing.T) {
	if os.Getenv("EXPLORE") == "" {
		t.Skip()
	}
	sdl := "type User { name: String! email: String! @unique videos: [Video!] @relation }\ntype Video { title: String! author: User! }\ntype Query { allUsers: [User!] }\n"
	nest := func(n int) string {
		s := "{ allUsers { data { videos { data { author { "
		for i := 0; i < n; i++ {
			s += "videos { data { author { "
		}
		s += "name "
		for i := 0; i < n; i++ {
			s += "} } } "
		}
		return s + "} } } } } }"
	}
	frag := "query { allUsers { data { ...A } } } fragment A on User { videos { data { author { ...B } } } } fragment B on User { ...A }"
	var aliases strings.Builder
	aliases.WriteString("{ ")
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&aliases, "a%d: allUsers { data { name videos { data { title } } } } ", i)
	}
	aliases.WriteString("}")
	deepSel := strings.Repeat("{ allUsers { data ", 1) + strings.Repeat("{ videos { data ", 0)
	_ = deepSel
	bigList := make([]any, 1_000_000)
	for i := range bigList {
		bigList[i] = map[string]any{"title": "t"}
	}
	attacks := []struct {
		name, q string
		vars    map[string]any
	}{
		{"nest 10", nest(10), nil},
		{"nest 30", nest(30), nil},
		{"nest 2000", nest(2000), nil},
		{"braces 10000", strings.Repeat("{ allUsers ", 10000) + strings.Repeat("}", 10000), nil},
		{"frag cycle", frag, nil},
		{"aliases 20000", aliases.String(), nil},
		{"5MB", "{ allUsers { data { " + strings.Repeat("name ", 1_000_000) + "} } }", nil},
		{"big list var", `mutation($v: [VideoInput!]) { createUser(data: {name: "a", email: "b", videos: {create: $v}}) { _id } }`, map[string]any{"v": bigList}},
		{"frag fanout", func() string {
			s := "query { allUsers { data { ...F0 } } } "
			for i := 0; i < 30; i++ {
				s += fmt.Sprintf("fragment F%d on User { a: videos { data { author { ...F%d } } } b: videos { data { author { ...F%d } } } } ", i, i+1, i+1)
			}
			return s + "fragment F30 on User { name }"
		}(), nil},
		{"frag dup spread", func() string {
			s := "query { allUsers { data { ...F0 } } } "
			for i := 0; i < 40; i++ {
				s += fmt.Sprintf("fragment F%d on User { ...F%d ...F%d name } ", i, i+1, i+1)
			}
			return s + "fragment F40 on User { name }"
		}(), nil},
	}
	for _, a := range attacks {
		if skip := os.Getenv("SKIP"); skip != "" && regexp.MustCompile(skip).MatchString(a.name) {
			continue
		}
		e := engine.New()
		e.SetSchema(sdl)
		e.Query(`let u = User.create({name: "a", email: "a"}); Set.sequence(0, 30).forEach(i => Video.create({title: "v", author: u})); let w = User.create({name: "b", email: "b"}); Set.sequence(0, 30).forEach(i => Video.create({title: "v", author: w}))`)
		runtime.GC()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		done := make(chan engine.GraphQLResult, 1)
		start := time.Now()
		go func() { done <- e.GraphQL(a.q, a.vars) }()
		select {
		case r := <-done:
			runtime.ReadMemStats(&m1)
			msg := fmt.Sprintf("errors=%d", len(r.Errors))
			if len(r.Errors) > 0 {
				msg += " " + r.Errors[0].Error()
			}
			if len(msg) > 160 {
				msg = msg[:160]
			}
			fmt.Printf("%-24s %8v alloc=%5dMB  %s\n", a.name, time.Since(start).Round(time.Millisecond), (m1.TotalAlloc-m0.TotalAlloc)>>20, msg)
		case <-time.After(20 * time.Second):
			fmt.Printf("%-24s HANG >20s\n", a.name)
			os.Exit(1)
		}
	}
}
