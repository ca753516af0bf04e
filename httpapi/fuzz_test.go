package httpapi

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/faunaplay/playground/engine"
)

// FuzzQueryEndpoint: whatever the body, the API never panics and answers a
// JSON envelope with either data or an error with a code and a message.
func FuzzQueryEndpoint(f *testing.F) {
	for _, s := range []string{
		`{"query":"\"taco\".length"}`,
		`{"query":{"fql":["1 + ",{"value":{"@int":"2"}}]}}`,
		`{"query":{"fql":["[",{"object":{"a":{"fql":["1 + ",{"value":{"@int":"2"}}]}}},",",{"array":[{"value":{"@int":"1"}}]},"]"]}}`,
		`{"query":{"fql":["n + 1"]},"arguments":{"n":{"@int":"7"}}}`,
		`{"query":{"fql":[{"value":{"@ref":{"id":"1","coll":{"@mod":"User"}}}}]}}`,
		`{"query":{"fql":[{"value":{"@object":{"@doc":{"@time":"x"}}}}]}}`,
		`{"query":"User.create({name: \"a\", email: \"b\"})"}`,
		`{"query":"abort(User.all())"}`,
		`"{}"`, `[]`, `{"query":null}`, `{"query":{"fql":[{"fql":[{"fql":[]}]}]}}`,
	} {
		f.Add(s)
	}
	e := engine.New()
	e.SetSchema(testSchema)
	h := New(e, Options{})
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest("POST", "/query/1", strings.NewReader(body))
		req.Header.Set("x-format", "tagged")
		req.Header.Set("x-query-timeout-ms", "200") // bounds what one input can run
		w := httptest.NewRecorder()
		watch := time.AfterFunc(5*time.Second, func() { panic(fmt.Sprintf("hung on %q", body)) })
		h.ServeHTTP(w, req)
		watch.Stop()
		var env map[string]json.RawMessage
		if err := json.Unmarshal(w.Body.Bytes(), &env); err != nil {
			t.Fatalf("not JSON (%d): %q", w.Code, w.Body.String())
		}
		_, hasData := env["data"]
		var e struct{ Code, Message string }
		hasError := env["error"] != nil && json.Unmarshal(env["error"], &e) == nil && e.Code != "" && e.Message != ""
		if hasData == hasError || hasData != (w.Code == 200) {
			t.Fatalf("status %d, envelope %s", w.Code, w.Body.String())
		}
		if _, ok := env["summary"]; !ok {
			t.Fatalf("no summary: %s", w.Body.String())
		}
	})
}
