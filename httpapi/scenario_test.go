package httpapi

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// Scenario files under httpapi/testdata are txtar archives of requests to
// POST /query/1, read top to bottom:
//
//	-- schema.graphql --   the engine's schema (first, once)
//	-- headers --          "name: value" lines for the requests after it
//	-- request --          a request body: sends it
//	-- status --           the HTTP status (200 when absent)
//	-- data --             the envelope's data, as JSON; "<id>", "<ts>"
//	                       and "<cursor>" match any document id, document
//	                       ts and page cursor
//	-- error --            fields the envelope's error must have, as JSON
//	-- summary --          the summary, exactly
func TestScenarios(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenarios: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			runScenario(t, ar)
		})
	}
}

func runScenario(t *testing.T, ar *txtar.Archive) {
	var srv = newServer(t, Options{})
	hdr := map[string]string{}
	var body string
	var status int
	var env map[string]any
	for i, f := range ar.Files {
		text := strings.TrimSuffix(string(f.Data), "\n")
		switch f.Name {
		case "schema.graphql":
			srv = newServerWith(t, text)
		case "headers":
			hdr = map[string]string{}
			for _, l := range strings.Split(text, "\n") {
				if k, v, ok := strings.Cut(l, ":"); ok {
					hdr[strings.TrimSpace(k)] = strings.TrimSpace(v)
				}
			}
		case "request":
			body = text
			status, env = post(t, srv, body, hdr)
			if status != 200 && !statusFollows(ar.Files[i+1:]) {
				t.Errorf("%s: status %d: %s", body, status, js(env))
			}
		case "status":
			if want, _ := strconv.Atoi(text); status != want {
				t.Errorf("%s: status %d, want %d", body, status, want)
			}
		case "data":
			if got := placeholders(js(env["data"])); got != canonical(t, text) {
				t.Errorf("%s:\n data %s\n want %s", body, got, canonical(t, text))
			}
		case "error":
			var want map[string]any
			if err := json.Unmarshal([]byte(text), &want); err != nil {
				t.Fatal(err)
			}
			got, _ := env["error"].(map[string]any)
			for k, v := range want {
				if js(got[k]) != js(v) {
					t.Errorf("%s: error.%s = %s, want %s", body, k, js(got[k]), js(v))
				}
			}
		case "summary":
			if env["summary"] != text {
				t.Errorf("%s:\n summary %q\n want    %q", body, env["summary"], text)
			}
		default:
			t.Fatalf("unknown section %q", f.Name)
		}
	}
}

// statusFollows says whether a status section comes before the next
// request.
func statusFollows(files []txtar.File) bool {
	for _, f := range files {
		switch f.Name {
		case "request":
			return false
		case "status":
			return true
		}
	}
	return false
}

var (
	idRE     = regexp.MustCompile(`"id":"[0-9]{6,}"`)
	tsRE     = regexp.MustCompile(`"ts":\{"@time":"[^"]*"\}`)
	cursorRE = regexp.MustCompile(`"after":"[^"]*"`)
)

// placeholders puts the scenario placeholders in for what varies.
func placeholders(s string) string {
	s = idRE.ReplaceAllString(s, `"id":"<id>"`)
	s = tsRE.ReplaceAllString(s, `"ts":{"@time":"<ts>"}`)
	return cursorRE.ReplaceAllString(s, `"after":"<cursor>"`)
}

func canonical(t *testing.T, s string) string {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("bad JSON %q: %v", s, err)
	}
	// js escapes < and >, as encoding/json does; the placeholders are
	// compared as written.
	return strings.NewReplacer(`\u003c`, "<", `\u003e`, ">").Replace(js(v))
}
