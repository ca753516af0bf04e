package httpapi

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/faunaplay/playground/engine"
)

const testSchema = `type User {
  name: String!
  email: String! @unique
  videos: [Video!] @relation
}
type Video { title: String! author: User! }
`

// newServer is the API over a fresh engine with testSchema.
func newServer(t testing.TB, opts Options) *httptest.Server {
	t.Helper()
	return serve(t, testSchema, opts)
}

// newServerWith is the API over a fresh engine with sdl.
func newServerWith(t testing.TB, sdl string) *httptest.Server {
	t.Helper()
	return serve(t, sdl, Options{})
}

func serve(t testing.TB, sdl string, opts Options) *httptest.Server {
	t.Helper()
	e := engine.NewWithClock(func() time.Time { return time.Date(2024, 1, 2, 3, 4, 5, 120_000_000, time.UTC) })
	if r := e.SetSchema(sdl); len(r.Errors) > 0 {
		t.Fatalf("schema: %v", r.Errors)
	}
	srv := httptest.NewServer(New(e, opts))
	t.Cleanup(srv.Close)
	return srv
}

// post sends body to /query/1 with the headers and returns the status and
// the decoded envelope.
func post(t testing.TB, srv *httptest.Server, body string, hdr map[string]string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest("POST", srv.URL+"/query/1", strings.NewReader(body))
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var env map[string]any
	if err := json.Unmarshal(b, &env); err != nil {
		t.Fatalf("not a JSON envelope (%d): %s", resp.StatusCode, b)
	}
	return resp.StatusCode, env
}

func js(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

var tagged = map[string]string{"x-format": "tagged"}

func TestEnvelope(t *testing.T) {
	srv := newServer(t, Options{})
	var last float64
	for i := range 3 {
		status, env := post(t, srv, `{"query":"log(\"hi\"); 1"}`, map[string]string{"x-query-tags": "project=teapot,hello=world"})
		if status != 200 {
			t.Fatalf("status %d", status)
		}
		ts := env["txn_ts"].(float64)
		if ts <= last {
			t.Errorf("query %d: txn_ts %v not after %v", i, ts, last)
		}
		last = ts
		if env["query_tags"] != "project=teapot,hello=world" {
			t.Errorf("query_tags = %v", env["query_tags"])
		}
		if env["summary"] != "info at *query*:1: hi" { // the format: errors.txtar
			t.Errorf("summary = %q", env["summary"])
		}
		if env["schema_version"].(float64) >= ts {
			t.Errorf("schema_version %v not before txn_ts %v", env["schema_version"], ts)
		}
		st := env["stats"].(map[string]any)
		for _, k := range []string{"compute_ops", "read_ops", "write_ops", "query_time_ms", "contention_retries", "storage_bytes_read", "storage_bytes_write"} {
			n, ok := st[k].(float64)
			if !ok || n != float64(int64(n)) {
				t.Errorf("stats.%s = %v, want an integer", k, st[k])
			}
		}
		if st["compute_ops"].(float64) < 1 {
			t.Errorf("compute_ops < 1")
		}
	}
}

func TestErrors(t *testing.T) {
	srv := newServer(t, Options{Secret: "s3cret", MaxBodyBytes: 1 << 10})
	auth := map[string]string{"Authorization": "Bearer s3cret", "x-format": "tagged"}
	tests := []struct {
		name, body string
		hdr        map[string]string
		status     int
		code       string
	}{
		{"no secret", `{"query":"1"}`, nil, 401, "unauthorized"},
		{"wrong secret", `{"query":"1"}`, map[string]string{"Authorization": "Bearer nope"}, 401, "unauthorized"},
		{"not an object", `"{}"`, auth, 400, "invalid_request"},
		{"no query", `{}`, auth, 400, "invalid_request"},
		{"field name in another case", `{"Query":"1"}`, auth, 400, "invalid_request"},
		{"bad fragment", `{"query":{"fql":[1]}}`, auth, 400, "invalid_request"},
		{"bad tag", `{"query":{"fql":[{"value":{"@int":"x"}}]}}`, auth, 400, "invalid_request"},
		{"bad argument name", `{"query":"1","arguments":{"a b":1}}`, auth, 400, "invalid_request"},
		{"syntax", `{"query":"1 +"}`, auth, 400, "invalid_query"},
		{"unknown name", `{"query":"nope"}`, auth, 400, "invalid_query"},
		{"runtime", `{"query":"1 / 0"}`, auth, 400, "divide_by_zero"},
		{"constraint", `{"query":"User.create({name: \"a\", email: \"e\"}); User.create({name: \"b\", email: \"e\"})"}`, auth, 400, "constraint_failure"},
		{"abort", `{"query":"abort({x: 42})"}`, auth, 400, "abort"},
		{"engine limit is not throttling", `{"query":"Set.sequence(0, 100000000).toArray()"}`, auth, 400, codeQueryLimit},
		{"too large", `{"query":"` + strings.Repeat("1", 2000) + `"}`, auth, 400, "invalid_request"},
		{"bad tags", `{"query":"1"}`, map[string]string{"Authorization": "Bearer s3cret", "x-query-tags": "what=are%3Dyou%2Cdoing%3F"}, 400, "invalid_request"},
		{"bad timeout", `{"query":"1"}`, map[string]string{"Authorization": "Bearer s3cret", "x-query-timeout-ms": "soon"}, 400, "invalid_request"},
		{"time out", `{"query":"Set.sequence(0, 100000000).forEach(x => x)"}`, map[string]string{"Authorization": "Bearer s3cret", "x-query-timeout-ms": "1"}, 440, "time_out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, env := post(t, srv, tt.body, tt.hdr)
			e, _ := env["error"].(map[string]any)
			if status != tt.status || e == nil || e["code"] != tt.code {
				t.Fatalf("got %d %s, want %d %s", status, js(env), tt.status, tt.code)
			}
			if _, ok := env["data"]; ok {
				t.Errorf("an error body has data: %s", js(env))
			}
			if _, ok := e["message"].(string); !ok {
				t.Errorf("no message: %s", js(env))
			}
			if _, ok := env["summary"]; ok == (status == 401) {
				t.Errorf("summary present %v on %d: %s", ok, status, js(env))
			}
			// Every answer but a 401 has the fields of a success besides
			// its data, whether the query ran or was refused unread.
			for _, k := range []string{"txn_ts", "stats", "schema_version"} {
				if _, ok := env[k]; ok == (status == 401) {
					t.Errorf("%s present %v on %d: %s", k, ok, status, js(env))
				}
			}
			switch tt.code {
			case "abort":
				want := "error: Query aborted.\nat *query*:1:1\n  |\n1 | abort({x: 42})\n  | ^\n  |"
				if js(e["abort"]) != `{"x":{"@int":"42"}}` || e["message"] != "Query aborted." || env["summary"] != want {
					t.Errorf("abort: %s", js(e))
				}
			case "constraint_failure":
				if f, _ := e["constraint_failures"].([]any); len(f) != 1 {
					t.Errorf("constraint_failures: %s", js(e))
				}
			}
		})
	}
}

// A failed query writes nothing: the transaction is undone.
func TestErrorRollsBack(t *testing.T) {
	srv := newServer(t, Options{})
	post(t, srv, `{"query":"User.create({name: \"a\", email: \"a\"}); abort(1)"}`, nil)
	_, env := post(t, srv, `{"query":"User.all().count()"}`, nil)
	if env["data"] != 0.0 {
		t.Errorf("count after abort = %v, want 0", env["data"])
	}
}

func TestCORS(t *testing.T) {
	srv := newServer(t, Options{Secret: "s"})
	req, _ := http.NewRequest("OPTIONS", srv.URL+"/query/1", nil)
	req.Header.Set("Origin", "http://app.example")
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "authorization,x-format")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 204 || resp.Header.Get("Access-Control-Allow-Origin") != "http://app.example" ||
		!strings.Contains(resp.Header.Get("Access-Control-Allow-Headers"), "authorization") {
		t.Errorf("preflight: %d %v", resp.StatusCode, resp.Header)
	}
	req, _ = http.NewRequest("POST", srv.URL+"/query/1", strings.NewReader(`{"query":"1"}`))
	req.Header.Set("Origin", "http://app.example")
	req.Header.Set("Authorization", "Bearer s")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Access-Control-Allow-Origin") != "http://app.example" {
		t.Errorf("response has no Allow-Origin: %v", resp.Header)
	}
}

// The text of a fragment does not depend on its values: one parsed text
// serves every value, and no value's text is ever in it.
func TestOneTextForEveryValue(t *testing.T) {
	var texts []string
	for _, v := range []string{`"411"`, `"\") + abort(1) + (\""`, `{"@int":"7"}`} {
		q, err := readQuery([]byte(`{"query":{"fql":["User.byId(",{"value":` + v + `},")"]}}`))
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, q.src)
	}
	if texts[0] != texts[1] || texts[1] != texts[2] || strings.Contains(texts[0], "411") {
		t.Errorf("texts differ or hold a value: %q", texts)
	}
}

func TestPing(t *testing.T) {
	srv := newServer(t, Options{Secret: "s"})
	resp, err := http.Get(srv.URL + "/ping")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(b) != "OK" {
		t.Errorf("ping: %d %q", resp.StatusCode, b)
	}
}

// Mounted beside the page's files, as cmd/serve will: the API's paths go
// to it, everything else to the files.
func TestMountBesidePage(t *testing.T) {
	api := New(engine.New(), Options{})
	mux := http.NewServeMux()
	for _, p := range Paths {
		mux.Handle(p, api)
	}
	mux.Handle("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "page") }))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	status, env := post(t, srv, `{"query":"1 + 1"}`, nil)
	if status != 200 || env["data"] != 2.0 {
		t.Errorf("query: %d %s", status, js(env))
	}
	resp, err := http.Get(srv.URL + "/index.html")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "page" {
		t.Errorf("page: %q", b)
	}
}

// x-format: decorated (what the Fauna shell asks for) gives data, and an
// abort's value, as FQL text: the text the engine's shell prints.
func TestDecoratedFormat(t *testing.T) {
	srv := newServer(t, Options{})
	hdr := map[string]string{"x-format": "decorated"}
	post(t, srv, `{"query":"User.create({name: \"Ann\", email: \"a@x\"})"}`, hdr)
	e := engine.NewWithClock(func() time.Time { return time.Date(2024, 1, 2, 3, 4, 5, 120_000_000, time.UTC) })
	e.SetSchema(testSchema)
	e.Query(`User.create({name: "Ann", email: "a@x"})`)
	for _, q := range []string{`User.all()`, `User.all().first()`, `{ n: 1, d: 2.5, when: Date("2024-01-02"), s: "x" }`, `"taco"`} {
		body, _ := json.Marshal(map[string]string{"query": q})
		status, env := post(t, srv, string(body), hdr)
		if want := e.Query(q).Text; status != 200 || env["data"] != want {
			t.Errorf("%s: %d %#v, want the shell's text %q", q, status, env["data"], want)
		}
	}
	status, env := post(t, srv, `{"query":"abort({a: [1, 2]})"}`, hdr)
	if e, _ := env["error"].(map[string]any); status != 400 || e["abort"] != "{ a: [1, 2] }" {
		t.Errorf("abort: %d %s", status, js(env))
	}
	if status, env := post(t, srv, `{"query":"1"}`, map[string]string{"x-format": "pretty"}); status != 400 || !strings.Contains(js(env), "use tagged, simple or decorated") {
		t.Errorf("unknown format: %d %s", status, js(env))
	}
}
