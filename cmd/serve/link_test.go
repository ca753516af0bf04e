package main

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// pageLink is a link made by the page's own encoder (see the archive's
// comment): the video app, two runs that apply and one that no longer does.
func pageLink(t *testing.T) string {
	t.Helper()
	ar, err := txtar.ParseFile("../../sharelink/testdata/video-app.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		if f.Name == "link" {
			return strings.TrimSpace(string(f.Data))
		}
	}
	t.Fatal("no link in the archive")
	return ""
}

func TestNewEngineFromLink(t *testing.T) {
	e, notes, err := newEngine("", pageLink(t))
	if err != nil {
		t.Fatal(err)
	}
	want := "the link's schema and 2 of its 3 runs replayed; run 3 of 3 no longer applies (constraint_failure at 1:6): "
	if got := linkNote(notes); !strings.HasPrefix(got, want) {
		t.Errorf("notes %q\nwant them to start %q", got, want)
	}
	for q, want := range map[string]string{
		`User.all().map(.name).toArray()`:  `["Jane", "Bob", "Ana"]`,
		`Permission.all().count()`:         `1`,
		`Video.all().first()!.author.name`: `"Jane"`,
	} {
		if res := e.Query(q); res.Error != nil || res.Text != want {
			t.Errorf("%s = %s %v, want %s", q, res.Text, res.Error, want)
		}
	}
}

func TestNewEngineErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.graphql")
	os.WriteFile(bad, []byte("type User { name: Strin }"), 0o644)
	good := filepath.Join(dir, "good.graphql")
	os.WriteFile(good, []byte("type User { name: String }"), 0o644)
	tests := []struct {
		name, file, link, want string
	}{
		{"both", good, "#s=x", "give -schema or -link, not both"},
		{"no such file", filepath.Join(dir, "none.graphql"), "", "no such file"},
		{"schema errors", bad, "", "bad.graphql has errors"},
		{"not a link", "", "http://127.0.0.1:8080/", "-link: invalid_link: this link holds no playground state"},
		{"damaged link", "", pageLink(t)[:200], "-link: invalid_link: this link is damaged"},
		{"link's schema has errors", "", "#s=q1YqTs5IzU1UslIqqSxIVQgtTi1SqFbIS8xNtVIILinKzFOoVaoFAA", "the link's schema has errors"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _, err := newEngine(tt.file, tt.link)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("newEngine = %v, %v; want an error with %q", e, err, tt.want)
			}
		})
	}
	if _, notes, err := newEngine(good, ""); err != nil || linkNote(notes) != "the schema of "+good {
		t.Errorf("schema file: %v %v", notes, err)
	}
	if _, notes, err := newEngine("", ""); err != nil || linkNote(notes) != "an empty database" {
		t.Errorf("empty: %v %v", notes, err)
	}
}

// linkOf packs a state as the page's share.js does.
func linkOf(t *testing.T, state map[string]any) string {
	t.Helper()
	raw, _ := json.Marshal(state)
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression)
	w.Write(raw)
	w.Close()
	return "#s=" + base64.RawURLEncoding.EncodeToString(b.Bytes())
}

// A link's schema language is the one its schema is read in: an FSL
// schema with a Collection.create run in its journal starts with both
// collections; the same text chosen as GraphQL SDL is a schema with errors.
func TestNewEngineFromLinkLanguage(t *testing.T) {
	fsl := "collection User {\n  name: String\n  index byName { terms [.name] }\n}\n"
	runs := []any{
		map[string]any{"op": "query", "fql": `Collection.create({ name: "Tag", fields: { label: { signature: "String" } } })`},
		map[string]any{"op": "query", "fql": `User.create({ name: "Ann" }); Tag.create({ label: "new" })`},
	}
	tests := []struct {
		lang, err string
	}{
		{"", ""},
		{"fsl", ""},
		{"graphql", "the link's schema has errors"},
	}
	for _, tt := range tests {
		t.Run("lang "+tt.lang, func(t *testing.T) {
			e, notes, err := newEngine("", linkOf(t, map[string]any{"v": 2, "schema": fsl, "schemaLang": tt.lang, "journal": runs}))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("newEngine = %v, %v; want an error with %q", notes, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := linkNote(notes); got != "the link's schema and 2 of its 2 runs replayed" {
				t.Errorf("notes %q", got)
			}
			for q, want := range map[string]string{
				`User.byName("Ann").count()`:      `1`,
				`Tag.all().map(.label).toArray()`: `["new"]`,
			} {
				if res := e.Query(q); res.Error != nil || res.Text != want {
					t.Errorf("%s = %s %v, want %s", q, res.Text, res.Error, want)
				}
			}
		})
	}
}
