package engine_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/faunaplay/playground/engine"
	"golang.org/x/tools/txtar"
)

// Scenario files under testdata/ are txtar archives read top to bottom:
//
//	-- schema.graphql --   SetSchema
//	-- schema.fsl --       SetSchema of FSL
//	-- report.json --      a subset of the SchemaReport that must match
//	-- api.graphql --      lines the generated GraphQL schema must contain
//	-- fql --              Query
//	-- text --             the result's shell text, exactly
//	-- data --             the result's JSON data
//	-- error --            "code line:column" then, optionally, a message fragment
//	-- abort --            the JSON value the error carries from abort()
//	-- hint --             a fragment of one of the performance hints
//	-- operationName --    the operation the next graphql section runs
//	-- graphql --          GraphQL (with the last -- variables -- section)
//	-- response --         the GraphQL response; "<id>" matches any id
//
// go test ./engine -run Scenarios -update rewrites text, data and response
// sections from what the engine returns (review the diff before committing).
var update = flag.Bool("update", false, "rewrite scenario expectations")

func fixedClock() func() time.Time {
	t := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	return func() time.Time { return t }
}

func TestScenarios(t *testing.T) {
	files, err := filepath.Glob("../testdata/*/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenario files: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(file, "../testdata/"), ".txtar")
		t.Run(name, func(t *testing.T) { runScenario(t, file) })
	}
}

func runScenario(t *testing.T, file string) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	e := engine.NewWithClock(fixedClock())
	var report engine.SchemaReport
	var fql engine.QueryResult
	var gql engine.GraphQLResult
	var variables map[string]any
	var operationName string // for the next graphql section only
	var last string          // "fql" or "graphql": what the expectations check
	var lastSrc string
	changed := false
	for i := range ar.Files {
		f := &ar.Files[i]
		body := string(f.Data)
		switch f.Name {
		case "schema.graphql":
			report = e.SetSchema(body)
		case "schema.fsl":
			report = e.SetSchemaAs(body, "fsl")
		case "report.json":
			var want any
			if err := json.Unmarshal(f.Data, &want); err != nil {
				t.Fatalf("report.json: %v", err)
			}
			got := roundTrip(t, report)
			if msg := subset(want, got, "report"); msg != "" {
				t.Errorf("%s\nfull report: %s", msg, mustJSON(report))
			}
		case "api.graphql":
			// Each line must appear in the generated GraphQL schema.
			for _, line := range strings.Split(strings.TrimSpace(body), "\n") {
				if !strings.Contains(report.GraphQL, strings.TrimSpace(line)) {
					t.Errorf("generated GraphQL schema lacks %q\n--- generated ---\n%s", strings.TrimSpace(line), report.GraphQL)
				}
			}
		case "fql":
			if len(report.Errors) > 0 {
				t.Fatalf("the schema has errors: %v", report.Errors)
			}
			fql = e.Query(strings.TrimRight(body, "\n"))
			last, lastSrc = "fql", body
		case "variables":
			variables = nil
			if err := json.Unmarshal(f.Data, &variables); err != nil {
				t.Fatalf("variables: %v", err)
			}
		case "operationName":
			operationName = strings.TrimSpace(body)
		case "graphql":
			gql = e.GraphQLOp(body, operationName, variables)
			operationName = ""
			last, lastSrc = "graphql", body
		case "text":
			got := fql.Text + "\n"
			if *update {
				changed = changed || body != got
				f.Data = []byte(got)
			} else if body != got {
				t.Errorf("query:\n%s\ntext: got\n%s\nwant\n%s", lastSrc, got, body)
			}
		case "data":
			got := mustJSON(fql.Data)
			if fql.Error != nil {
				t.Errorf("query:\n%s\nfailed: %s", lastSrc, fql.Text)
			}
			if *update {
				f.Data = []byte(got + "\n")
				changed = true
			} else if canon(t, body) != canon(t, got) {
				t.Errorf("query:\n%s\ndata: got\n%s\nwant\n%s", lastSrc, got, body)
			}
		case "error":
			lines := strings.SplitN(strings.TrimSpace(body), "\n", 2)
			var gotErr string
			var msg string
			switch last {
			case "fql":
				if fql.Error != nil {
					gotErr = fmt.Sprintf("%s %d:%d", fql.Error.Code, fql.Error.Line, fql.Error.Column)
					msg = fql.Error.Message
				}
			default:
				if len(report.Errors) > 0 {
					gotErr = fmt.Sprintf("%s %d:%d", report.Errors[0].Code, report.Errors[0].Line, report.Errors[0].Column)
					msg = report.Errors[0].Message
				}
			}
			if gotErr != lines[0] {
				t.Errorf("after:\n%s\nerror: got %q (%s), want %q", lastSrc, gotErr, msg, lines[0])
			}
			if len(lines) == 2 && !strings.Contains(msg, strings.TrimSpace(lines[1])) {
				t.Errorf("after:\n%s\nerror message %q does not contain %q", lastSrc, msg, strings.TrimSpace(lines[1]))
			}
		case "abort":
			var want any
			if err := json.Unmarshal(f.Data, &want); err != nil {
				t.Fatalf("abort: %v", err)
			}
			if fql.Error == nil {
				t.Errorf("after:\n%s\nno error, want one carrying abort %s", lastSrc, body)
			} else if got := roundTrip(t, fql.Error.Abort); mustJSON(got) != mustJSON(want) {
				t.Errorf("after:\n%s\nabort value %s, want %s", lastSrc, mustJSON(got), mustJSON(want))
			}
		case "hint":
			found := false
			for _, h := range fql.Hints {
				found = found || strings.Contains(h, strings.TrimSpace(body))
			}
			if !found {
				t.Errorf("query:\n%s\nno hint containing %q in %q", lastSrc, strings.TrimSpace(body), fql.Hints)
			}
		case "response":
			// The response as a client reads it; its cost (extensions) is
			// checked by TestGraphQLStats, its time varies.
			gql.Extensions = nil
			got := mustIndentJSON(gql)
			if *update {
				f.Data = []byte(maskIDs(got) + "\n")
				changed = true
				continue
			}
			var want, have any
			if err := json.Unmarshal(f.Data, &want); err != nil {
				t.Fatalf("response: %v", err)
			}
			have = roundTrip(t, gql)
			if msg := match(want, have, "response"); msg != "" {
				t.Errorf("operation:\n%s\n%s\ngot: %s", lastSrc, msg, got)
			}
		default:
			t.Fatalf("unknown section %q", f.Name)
		}
	}
	if *update && changed {
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func mustIndentJSON(v any) string {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		panic(err)
	}
	return string(b)
}

var idPattern = regexp.MustCompile(`"[0-9]{18}"`)

func maskIDs(s string) string { return idPattern.ReplaceAllString(s, `"<id>"`) }

func roundTrip(t *testing.T, v any) any {
	var out any
	if err := json.Unmarshal([]byte(mustJSON(v)), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func canon(t *testing.T, s string) string {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("bad JSON %q: %v", s, err)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	_ = enc.Encode(v)
	return b.String()
}

// subset checks that every key and array element of want is in got.
func subset(want, got any, path string) string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s: want an object, got %v", path, got)
		}
		for k, wv := range w {
			if msg := subset(wv, g[k], path+"."+k); msg != "" {
				return msg
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return fmt.Sprintf("%s: want %d elements, got %v", path, len(w), got)
		}
		for i := range w {
			if msg := subset(w[i], g[i], fmt.Sprintf("%s[%d]", path, i)); msg != "" {
				return msg
			}
		}
	default:
		if fmt.Sprint(want) != fmt.Sprint(got) {
			return fmt.Sprintf("%s: want %v, got %v", path, want, got)
		}
	}
	return ""
}

// match is exact equality, except that "<id>" matches any 18-digit id.
func match(want, got any, path string) string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok || len(g) != len(w) {
			return fmt.Sprintf("%s: want %v, got %v", path, want, got)
		}
		for k := range w {
			if msg := match(w[k], g[k], path+"."+k); msg != "" {
				return msg
			}
		}
		return ""
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return fmt.Sprintf("%s: want %v, got %v", path, want, got)
		}
		for i := range w {
			if msg := match(w[i], g[i], fmt.Sprintf("%s[%d]", path, i)); msg != "" {
				return msg
			}
		}
		return ""
	case string:
		if g, ok := got.(string); ok && w == "<id>" && regexp.MustCompile(`^[0-9]{18}$`).MatchString(g) {
			return ""
		}
	}
	if fmt.Sprint(want) != fmt.Sprint(got) {
		return fmt.Sprintf("%s: want %v, got %v", path, want, got)
	}
	return ""
}
