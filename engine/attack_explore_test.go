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

func TestExploreAttacks(t *testing.T) {
	if os.Getenv("EXPLORE") == "" {
		t.Skip()
	}
	sdl := "type User { name: String! email: String! @unique videos: [Video!] @relation }\ntype Video { title: String! author: User! }\n"
	attacks := []struct{ name, q string }{
		{"seq1M toArray", "Set.sequence(0, 1000000).toArray()"},
		{"seq1M count", "Set.sequence(0, 1000000).count()"},
		{"string doubling", `Set.sequence(0, 40).fold("x", (acc, i) => acc + acc)`},
		{"string concat doubling", `Set.sequence(0, 40).fold("x", (acc, i) => acc.concat(acc))`},
		{"array doubling", `Set.sequence(0, 40).fold([1], (acc, i) => acc.concat(acc))`},
		{"array spread doubling", `Set.sequence(0, 40).fold([1], (acc, i) => [acc, acc])`},
		{"object doubling", `Set.sequence(0, 40).fold({a:1}, (acc, i) => {a: acc, b: acc})`},
		{"deep array", `Set.sequence(0, 100000).fold([], (acc, i) => [acc])`},
		{"deep array eq", `let a = Set.sequence(0, 100000).fold([], (acc, i) => [acc]); a == a`},
		{"deep object", `Set.sequence(0, 100000).fold({}, (acc, i) => {a: acc})`},
		{"deep array render 200", `Set.sequence(0, 200).fold([], (acc, i) => [acc])`},
		{"paren 10000", strings.Repeat("(", 10000) + "1" + strings.Repeat(")", 10000)},
		{"bracket 10000", strings.Repeat("[", 10000) + strings.Repeat("]", 10000)},
		{"brace 10000", strings.Repeat("{", 10000) + strings.Repeat("}", 10000)},
		{"5MB text", strings.Repeat("1+", 2_500_000) + "1"},
		{"1MB plus chain", strings.Repeat("1+", 500_000) + "1"},
		{"1MB minus unary", strings.Repeat("-", 1_000_000) + "1"},
		{"1MB not unary", strings.Repeat("!", 1_000_000) + "true"},
		{"1MB dot chain", "Set" + strings.Repeat(".x", 400_000)},
		{"1MB array literal", "[" + strings.Repeat("1,", 400_000) + "1]"},
		{"1MB string", `"` + strings.Repeat("a", 1_000_000-3) + `"`},
		{"100k lets", strings.Repeat("let a = 1\n", 100_000) + "a"},
		{"recursion", `let f = x => f(x); f(1)`},
		{"y-comb", `let y = f => (x => f(v => x(x)(v)))(x => f(v => x(x)(v))); let loop = y(self => n => self(n + 1)); loop(0)`},
		{"self apply", `let w = x => x(x); w(w)`},
		{"repeat", `"x".repeat(100000000)`},
		{"padStart", `"x".padStart(500000000)`},
		{"pow big", `2 ** 100000`},
		{"regex", `"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!".matches("(a+)+$")`},
		{"bulk create 100k", `Set.sequence(0, 100000).forEach(i => User.create({name: "u" + i.toString(), email: i.toString()}))`},
		{"seq huge", `Set.sequence(0, 9007199254740991).take(3).toArray()`},
		{"seq map huge", `Set.sequence(0, 1000000000).map(x => x).first()`},
		{"splits", `Set.sequence(0,25).fold("ab", (acc, i) => acc.split("").concat(acc.split("")).join(""))`},
		{"replaceAll", `"x".replaceAll("", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")`},
		{"show shared", `let a = Set.sequence(0, 40).fold([1], (acc, i) => [acc, acc]); "#{a}"`},
		{"eq shared", `let a = Set.sequence(0, 40).fold([1], (acc, i) => [acc, acc]); let b = Set.sequence(0, 40).fold([1], (acc, i) => [acc, acc]); a == b`},
		{"flatten shared", `let a = Set.sequence(0, 40).fold([1], (acc, i) => [acc, acc]); a.flatten().length`},
		{"toString shared", `let a = Set.sequence(0, 40).fold([1], (acc, i) => [acc, acc]); a.toString()`},
		{"log shared", `let a = Set.sequence(0, 40).fold([1], (acc, i) => [acc, acc]); log(a); 1`},
		{"add err shared", `let a = Set.sequence(0, 40).fold([1], (acc, i) => [acc, acc]); a + 1`},
		{"distinct shared", `let a = Set.sequence(0, 40).fold([1], (acc, i) => [acc, acc]); [a, a].distinct().length`},
		{"includes shared", `let a = Set.sequence(0, 40).fold([1], (acc, i) => [acc, acc]); [a].includes(a)`},
		{"store shared", `let a = Set.sequence(0, 40).fold([1], (acc, i) => [acc, acc]); User.create({name: "x", email: "y", extra: a})`},
		{"order shared", `let a = Set.sequence(0, 40).fold([1], (acc, i) => [acc, acc]); [a, a].order()`},
		{"interp doubling", `Set.sequence(0, 40).fold("x", (acc, i) => "#{acc}#{acc}")`},
	}
	for _, a := range attacks {
		if skip := os.Getenv("SKIP"); skip != "" && regexp.MustCompile(skip).MatchString(a.name) {
			continue
		}
		e := engine.New()
		e.SetSchema(sdl)
		runtime.GC()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		done := make(chan engine.QueryResult, 1)
		start := time.Now()
		go func() { done <- e.Query(a.q) }()
		select {
		case r := <-done:
			runtime.ReadMemStats(&m1)
			msg := ""
			if r.Error != nil {
				msg = r.Error.Error()
			} else {
				msg = fmt.Sprintf("OK text=%d bytes", len(r.Text))
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
