package sharelink

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/faunaplay/playground/engine/diag"
	"golang.org/x/tools/txtar"
)

// pack makes a fragment as share.js's encodeState does: deflate-raw, then
// base64url without padding.
func pack(t *testing.T, raw []byte) string {
	t.Helper()
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression)
	w.Write(raw)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return "#s=" + base64.RawURLEncoding.EncodeToString(b.Bytes())
}

func packJSON(t *testing.T, v any) string {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return pack(t, raw)
}

// A link the page itself made decodes to its schema and journal.
func TestDecodePageLink(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/video-app.txtar")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range ar.Files {
		files[f.Name] = strings.TrimSpace(string(f.Data))
	}
	st, err := Decode(files["link"])
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(map[string]any{"schema": st.Schema, "runs": st.Runs})
	var want, have any
	json.Unmarshal([]byte(files["journal.json"]), &want)
	json.Unmarshal(got, &have)
	wantJSON, _ := json.Marshal(want)
	haveJSON, _ := json.Marshal(have)
	if !bytes.Equal(wantJSON, haveJSON) {
		t.Errorf("decoded\n%s\nwant\n%s", haveJSON, wantJSON)
	}
	if len(st.Problems) != 0 {
		t.Errorf("problems: %v", st.Problems)
	}
	// The fragment alone, and its text without '#', are the same link.
	frag := files["link"][strings.IndexByte(files["link"], '#'):]
	for _, l := range []string{frag, frag[1:], frag + "==", "  " + frag + "\n"} {
		if again, err := Decode(l); err != nil || again.Schema != st.Schema || len(again.Runs) != len(st.Runs) {
			t.Errorf("Decode(%.20q…) = %v, %v", l, again, err)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, link, want string
	}{
		{"no fragment", "http://127.0.0.1:8080/", "holds no playground state"},
		{"another fragment", "http://127.0.0.1:8080/#x=1", "holds no playground state"},
		{"too large", "#s=" + strings.Repeat("A", MaxLink), "too large (64 KB; the limit is 64 KB)"},
		{"not base64url", "#s=ab+/cd", "damaged: its state could not be read"},
		{"not deflated", "#s=" + base64.RawURLEncoding.EncodeToString([]byte("plain text, not deflate")), "damaged: its state could not be read"},
		{"cut when copied", packJSON(t, map[string]any{"schema": "type User { name: String }"})[:20], "damaged: its state could not be read"},
		{"not JSON", pack(t, []byte("{schema:")), "damaged: its state could not be read"},
		{"not an object", packJSON(t, []any{1, 2}), "not a playground state"},
		{"no schema", packJSON(t, map[string]any{"v": 2, "journal": []any{}}), "does not hold a schema"},
		{"schema not text", packJSON(t, map[string]any{"v": 2, "schema": 7}), "does not hold a schema"},
		{"schema too long", packJSON(t, map[string]any{"schema": strings.Repeat("#", MaxText+1)}), "schema is over 1 MiB"},
		{"unpacks too large", pack(t, bytes.Repeat([]byte(" "), MaxInflated+1)), "more than the 8 MB a link may hold"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := Decode(tt.link)
			var d *diag.Error
			if !errors.As(err, &d) {
				t.Fatalf("Decode = %+v, %v; want an error", st, err)
			}
			if d.Code != Code || !strings.Contains(d.Message, tt.want) {
				t.Errorf("error %s: %q; want %s: …%s…", d.Code, d.Message, Code, tt.want)
			}
		})
	}
}

// Runs of the wrong shape are left out and counted, as the page does;
// a version 1 state's history is its journal.
func TestDecodeRuns(t *testing.T) {
	schema := "type User { name: String }"
	tests := []struct {
		name     string
		state    map[string]any
		runs     string // the runs decoded, as JSON
		problems []string
	}{
		{"no runs", map[string]any{"v": 2, "schema": schema}, `[]`, nil},
		{"runs of both kinds", map[string]any{"v": 2, "schema": schema, "journal": []any{
			map[string]any{"op": "query", "fql": "User.create({name: \"a\"})"},
			map[string]any{"op": "graphql", "query": "mutation M($n: String) { createUser(data: {name: $n}) { _id } }", "variables": map[string]any{"n": "b"}, "operationName": "M"},
			map[string]any{"op": "graphql", "query": "{ x }", "variables": nil},
		}}, `[{"op":"query","fql":"User.create({name: \"a\"})"},{"op":"graphql","query":"mutation M($n: String) { createUser(data: {name: $n}) { _id } }","variables":{"n":"b"},"operationName":"M"},{"op":"graphql","query":"{ x }"}]`, nil},
		{"bad runs left out", map[string]any{"v": 2, "schema": schema, "journal": []any{
			map[string]any{"op": "query", "fql": 3},
			map[string]any{"op": "delete"},
			"User.all()",
			map[string]any{"op": "graphql", "query": "{ x }", "variables": []any{1}},
			map[string]any{"op": "query", "fql": "1"},
		}}, `[{"op":"query","fql":"1"}]`, []string{"4 of its runs could not be read"}},
		{"journal not a list", map[string]any{"v": 2, "schema": schema, "journal": "x"}, `[]`, []string{"its runs were not a list"}},
		{"version 1 history", map[string]any{"v": 1, "schema": schema, "history": []any{
			map[string]any{"op": "query", "fql": "User.all()"},
		}}, `[{"op":"query","fql":"User.all()"}]`, nil},
		{"version 2 ignores history", map[string]any{"v": 2, "schema": schema, "history": []any{
			map[string]any{"op": "query", "fql": "User.all()"},
		}}, `[]`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := Decode(packJSON(t, tt.state))
			if err != nil {
				t.Fatal(err)
			}
			got, _ := json.Marshal(st.Runs)
			if string(got) != tt.runs {
				t.Errorf("runs\n%s\nwant\n%s", got, tt.runs)
			}
			if strings.Join(st.Problems, "; ") != strings.Join(tt.problems, "; ") || st.Schema != schema {
				t.Errorf("problems %q, schema %q", st.Problems, st.Schema)
			}
		})
	}
}

// The schema's language as the page chose it: passed on as SetSchemaAs
// takes it; links made before FSL have none (Auto), and a value the page
// does not know is Auto, named in the problems as the page names it.
func TestDecodeSchemaLang(t *testing.T) {
	tests := []struct {
		name    string
		lang    any // absent when nil
		want    string
		problem bool
	}{
		{"a link made before FSL", nil, "", false},
		{"Auto", "", "", false},
		{"GraphQL SDL", "graphql", "graphql", false},
		{"FSL", "fsl", "fsl", false},
		{"unknown", "sql", "", true},
		{"not text", 3, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			state := map[string]any{"v": 2, "schema": "collection User { name: String }"}
			if tt.lang != nil {
				state["schemaLang"] = tt.lang
			}
			st, err := Decode(packJSON(t, state))
			if err != nil {
				t.Fatal(err)
			}
			if st.SchemaLang != tt.want || (len(st.Problems) > 0) != tt.problem {
				t.Errorf("SchemaLang %q, problems %q; want %q, a problem: %v", st.SchemaLang, st.Problems, tt.want, tt.problem)
			}
		})
	}
}
