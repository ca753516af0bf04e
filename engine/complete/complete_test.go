package complete

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/faunaplay/playground/engine/fql/value"
	"github.com/faunaplay/playground/engine/schema"
)

// testSchema is the model the table tests complete against: a one-to-many
// relation, a unique field, an embedded type and a Query index.
const testSchema = `type User {
  email: String! @unique
  name: String
  address: Address
  videos: [Video!] @relation
}
type Video {
  title: String!
  author: User! @relation
  tags: [String!]
  published: Time
}
type Address @embedded { city: String }
type Query { videosByTitle(title: String!): [Video!] }
`

// cursor splits a source with one `|` into the text and the cursor's
// UTF-16 offset.
func cursor(t testing.TB, marked string) (string, int) {
	i := strings.Index(marked, "|")
	if i < 0 {
		t.Fatalf("no | in %q", marked)
	}
	src := marked[:i] + marked[i+1:]
	return src, len(utf16.Encode([]rune(src[:i])))
}

func labels(items []Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Label
	}
	return out
}

func detail(items []Item, label string) string {
	for _, it := range items {
		if it.Label == label {
			return it.Detail
		}
	}
	return ""
}

// completionCase is a text with the cursor marked by |, the labels that
// must and must not be offered there, and details by label.
type completionCase struct {
	name, src string
	want, not []string
	details   map[string]string
}

func runCompletions(t *testing.T, cases []completionCase, complete func(src string, off int) Completion) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src, off := cursor(t, c.src)
			got := complete(src, off)
			ls := labels(got.Items)
			for _, w := range c.want {
				if !slices.Contains(ls, w) {
					t.Errorf("%q: no %q among %v", c.src, w, ls)
				}
			}
			for _, n := range c.not {
				if slices.Contains(ls, n) {
					t.Errorf("%q: %q should not be offered (%v)", c.src, n, ls)
				}
			}
			for label, want := range c.details {
				if d := detail(got.Items, label); d != want {
					t.Errorf("%q: %s detail = %q, want %q", c.src, label, d, want)
				}
			}
			if got.To != off || got.From > got.To {
				t.Errorf("%q: span %d..%d, cursor %d", c.src, got.From, got.To, off)
			}
		})
	}
}

func TestFQLCompletion(t *testing.T) {
	m := schema.Parse(testSchema)
	if len(m.Errors) > 0 {
		t.Fatal(m.Errors)
	}
	cases := []completionCase{
		{"top level", "|", []string{"User", "Video", "Math", "Time", "Object", "Set", "abort", "log", "newId", "let", "if", "null"}, nil, nil},
		{"partial word", "Us|", []string{"User"}, nil, nil},
		{"let in scope", "let total = 1\nlet u = User.byId(\"1\")\n|", []string{"total", "u", "User"}, nil, map[string]string{"u": "u: User", "total": "total: Number"}},
		{"let of a closed block is out of scope", "{ let inner = 1; inner }\n|", []string{"User"}, []string{"inner"}, nil},
		{"collection methods", "User.|", []string{"all", "byId", "create", "where", "firstWhere", "byEmail"}, []string{"email", "update"},
			map[string]string{"byEmail": "byEmail(email: String) => Set<User>", "where": "where(predicate: (User => Boolean)) => Set<User>"}},
		{"relation index", "Video.|", []string{"byAuthor", "videosByTitle", "all"}, nil,
			map[string]string{"byAuthor": "byAuthor(author: User) => Set<Video>", "videosByTitle": "videosByTitle(title: String) => Set<Video>"}},
		{"where short-hand", "User.where(.|", []string{"email", "name", "videos", "address", "id"}, []string{"all"},
			map[string]string{"email": "email: String!", "videos": "videos: [Video!]"}},
		{"firstWhere short-hand", "Video.firstWhere(.title == \"a\" && .|", []string{"title", "author"}, nil, nil},
		{"order asc short-hand", "User.all().order(asc(.|", []string{"email", "name"}, nil, nil},
		{"map lambda", "User.all().map(u => u.|", []string{"email", "videos"}, nil, nil},
		{"fold reducer second parameter", "Video.all().fold(0, (acc, v) => v.|", []string{"title"}, nil, nil},
		{"projection", "User.all() { |", []string{"email", "name", "videos", "id"}, []string{"update"}, nil},
		{"projection after a field", "User.all() { email, |", []string{"name"}, nil, nil},
		{"nested projection", "User.all() { videos { |", []string{"title", "author"}, []string{"email"}, nil},
		{"projection of one document", "User.byId(\"1\") { |", []string{"email", "videos"}, nil, nil},
		{"projection of a reference", "Video.all().first()!.author { |", []string{"email"}, []string{"title"}, nil},
		{"typed let", "let u: User = User.byId(\"1\")!\nu.|", []string{"email"}, nil, nil},
		{"document of a let", "let u = User.byId(\"1\"); u.|", []string{"email", "name", "update", "delete", "replace", "exists", "id", "ts", "coll"}, []string{"all"},
			map[string]string{"update": "update(data: Object) => User"}},
		{"chain to a document", "User.all().first().|", []string{"email", "update"}, nil, nil},
		{"chain through a relation", "User.byId(\"1\").videos.first().author.|", []string{"email"}, nil, nil},
		{"chain through map", "User.all().map(.name).first().|", []string{"toUpperCase", "length"}, nil, nil},
		{"chain through map lambda", "Video.all().map(v => v.author).first().|", []string{"email"}, nil, nil},
		{"set methods", "User.all().where(.name == \"a\").|", []string{"map", "count", "paginate", "pageSize", "first"}, []string{"append"},
			map[string]string{"map": "map(mapper: (User => B)) => Set<B>"}},
		{"array methods", "[1, 2].|", []string{"append", "at", "map", "length"}, []string{"paginate"}, nil},
		{"string methods", "\"x\".|", []string{"toUpperCase", "split", "length"}, nil, nil},
		{"time methods", "Time.now().|", []string{"add", "year", "toMillis"}, nil, nil},
		{"date methods", "Date.today().|", []string{"add", "dayOfWeek"}, nil, nil},
		{"Math", "Math.|", []string{"abs", "PI", "round"}, nil, nil},
		{"Object", "Object.|", []string{"keys", "assign"}, nil, nil},
		{"embedded object", "User.byId(\"1\")!.address.|", []string{"city"}, nil, nil},
		{"field of a Time", "Video.all().first().published.|", []string{"year"}, nil, nil},
		{"create keys", "User.create({ |", []string{"email", "name", "address"}, []string{"videos"}, nil},
		{"update keys", "let u = User.byId(\"1\")\nu.update({ name: \"a\", |", []string{"email"}, nil, nil},
		{"interpolation", "\"Hi #{User.|", []string{"all"}, nil, nil},
		{"inside a string", "\"User.|", nil, []string{"all", "User"}, nil},
		{"inside a comment", "// User.|", nil, []string{"all", "User"}, nil},
		{"inside a heredoc", "<<+EOS\n  it's User.|", nil, []string{"all", "User"}, nil},
		{"after a heredoc", "let s = <<-EOS\n  it's\n  EOS\ns.|", []string{"length"}, nil, nil},
		{"after a whole expression", "User.all() |", nil, []string{"User", "else"}, nil},
		{"after an if's value", "if (true) User.all().count() |", []string{"else"}, []string{"User"}, nil},
		{"after an if's else", "if (true) 1 else 2 |", nil, []string{"else"}, nil},
		{"multi-line chain", "User\n  .all()\n  .|", []string{"map"}, nil, nil},
		{"new statement after a newline", "let x = 1\n|", []string{"x", "User"}, nil, nil},
		{"non-ASCII before the cursor", "let s = \"é😀\" // ça\ns.|", []string{"length"}, nil, nil},
	}
	runCompletions(t, cases, func(src string, off int) Completion { return FQL(m, src, off) })
}

func TestOffsetsAreUTF16(t *testing.T) {
	m := schema.Parse(testSchema)
	// é is 2 bytes and 1 UTF-16 unit; 😀 is 4 bytes and 2 units.
	src := "let é = \"😀\"\nUs"
	off := len(utf16.Encode([]rune(src))) // 15
	got := FQL(m, src, off)
	if got.From != off-2 || got.To != off {
		t.Errorf("span %d..%d, want %d..%d", got.From, got.To, off-2, off)
	}
	if !slices.Contains(labels(got.Items), "User") {
		t.Errorf("no User in %v", labels(got.Items))
	}
	h := FQLHover(m, "\"😀\".length", 6) // on "length": the string is 4 units
	if h.From != 5 || h.To != 11 || h.Signature != "length: Int" {
		t.Errorf("hover = %+v, want 5..11 length: Int", h)
	}
	// An offset in the middle of a surrogate pair or past the end is clamped.
	for _, off := range []int{-3, 2, 1000} {
		got := FQL(m, "\"😀\"", off)
		if got.From < 0 || got.To > 4 || got.From > got.To {
			t.Errorf("offset %d: span %d..%d", off, got.From, got.To)
		}
	}
}

func TestHover(t *testing.T) {
	m := schema.Parse(testSchema)
	cases := []struct {
		name, lang, src, sig, info string
	}{
		{"collection method", "fql", "User.wh|ere(.email == \"a\")", "where(predicate: (User => Boolean)) => Set<User>", "predicate"},
		{"index method", "fql", "User.byEm|ail(\"a\")", "byEmail(email: String) => Set<User>", "unique"},
		{"collection", "fql", "Us|er.all()", "User: Collection", "email, name"},
		{"field in a short-hand", "fql", "User.where(.em|ail == \"a\")", "email: String!", "unique"},
		{"computed field", "fql", "User.all().first()!.vid|eos", "videos: [Video!]", "Computed"},
		{"let variable", "fql", "let u = User.byId(\"1\")\nu|.name", "u: User", "let"},
		{"global function", "fql", "new|Id()", "newId() => ID", "id"},
		{"let where it is bound", "fql", "let vid|s = Video.all()\nvids", "vids: Set<Video>", "let binding (line 1)"},
		{"parameter where it is bound", "fql", "User.all().map(us|er => user.name)", "user: User", "parameter"},
		{"nothing", "fql", "1 + |  2", "", ""},
		{"directive", "sdl", "type A { b: String @uni|que }", "@unique(index: String)", "unique"},
		{"type", "sdl", "type A { b: Lo|ng }", "scalar Long", "64-bit"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src, off := cursor(t, c.src)
			var h Hover
			if c.lang == "fql" {
				h = FQLHover(m, src, off)
			} else {
				h = SDLHover(m, src, off)
			}
			if h.Signature != c.sig || !strings.Contains(h.Info, c.info) {
				t.Errorf("%q: hover = %+v, want %q with %q", c.src, h, c.sig, c.info)
			}
			if c.sig != "" && (h.From > off || h.To < off) {
				t.Errorf("%q: span %d..%d does not hold the cursor %d", c.src, h.From, h.To, off)
			}
		})
	}
	if b, _ := json.Marshal(Hover{}); string(b) != "{}" {
		t.Errorf("empty hover = %s, want {}", b)
	}
}

func TestSDLCompletion(t *testing.T) {
	m := schema.Parse(testSchema)
	cases := []completionCase{
		{"field directives", "type A {\n  b: String @|", []string{"relation", "unique", "index", "resolver"}, []string{"embedded", "collection"},
			map[string]string{"relation": "@relation(name: String)", "resolver": "@resolver(name: String, paginated: Boolean = false)"}},
		{"type directives", "type A @|", []string{"embedded", "collection"}, []string{"relation"}, map[string]string{"collection": "@collection(name: String!)"}},
		{"field type", "type Car { name: String }\ntype A {\n  b: |", []string{"String", "Int", "Float", "Boolean", "ID", "Long", "Date", "Time", "Car"}, nil, nil},
		{"list type", "type Car { name: String }\ntype A {\n  b: [C|", []string{"Car", "String"}, nil, nil},
		{"directive arguments", "type A { b: B @relation(|", []string{"name"}, nil, map[string]string{"name": "name: String"}},
		{"resolver arguments", "type Query { f: Int @resolver(name: \"x\", |", []string{"name", "paginated"}, nil, nil},
		{"argument value", "type A { b: B @relation(name: |", nil, []string{"name", "String"}, nil},
		{"top level", "type A { b: Int }\n|", []string{"type", "enum", "input"}, nil, nil},
		{"start of the text", "|", []string{"type", "scalar"}, nil, nil},
		{"after a scalar", "scalar Email\n|", []string{"type"}, nil, nil},
		{"after a type's name", "type A |", nil, []string{"type"}, nil},
		{"field name", "type A {\n  |", nil, []string{"type", "String"}, nil},
		{"comment", "# a: |", nil, []string{"String"}, nil},
	}
	runCompletions(t, cases, func(src string, off int) Completion { return SDL(m, src, off) })
}

// TestSignaturesParse: every documented signature reads in the grammar
// completion infers types with.
func TestSignaturesParse(t *testing.T) {
	check := func(where, sig string) {
		if _, ok := parseSig(sig); !ok {
			t.Errorf("%s: signature %q does not parse", where, sig)
		}
	}
	for _, kind := range value.Receivers {
		for _, mm := range value.Members(kind) {
			check(kind+"."+mm.Name, mm.Signature)
		}
	}
	for _, mod := range value.Modules() {
		d, _ := value.GlobalDoc(mod)
		check(mod, d.Signature)
		for _, mm := range value.ModuleMembers(mod) {
			check(mod+"."+mm.Name, mm.Signature)
		}
	}
	for _, f := range value.GlobalFunctions() {
		check(f.Name, f.Signature)
	}
}
