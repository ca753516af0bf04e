package httpapi

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	fauna "github.com/fauna/fauna-go/v3"
)

// These tests speak to the API through the official Go driver, as an app
// does: what it decodes is what Fauna sent.

const driverSecret = "secret" // the drivers' test suites use this one

func newClient(t testing.TB, opts ...fauna.ClientConfigFn) *fauna.Client {
	t.Helper()
	srv := newServer(t, Options{Secret: driverSecret})
	return clientOf(srv.URL, driverSecret, opts...)
}

func clientOf(url, secret string, opts ...fauna.ClientConfigFn) *fauna.Client {
	opts = append([]fauna.ClientConfigFn{fauna.URL(url), fauna.MaxAttempts(1)}, opts...)
	return fauna.NewClient(secret, fauna.DefaultTimeouts(), opts...)
}

func mustFQL(t testing.TB, q string, args map[string]any) *fauna.Query {
	t.Helper()
	f, err := fauna.FQL(q, args)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func do(t testing.TB, c *fauna.Client, q string, args map[string]any, opts ...fauna.QueryOptFn) *fauna.QuerySuccess {
	t.Helper()
	res, err := c.Query(mustFQL(t, q, args), opts...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return res
}

func TestDriverRoundTrip(t *testing.T) {
	c := newClient(t)
	when := time.Date(2024, 1, 2, 3, 4, 5, 678901000, time.UTC)
	day := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		in   any
		want any
	}{
		{"int", 42, int64(42)},
		{"long", int64(math.MaxInt64), int64(math.MaxInt64)},
		{"double", 4.5, 4.5},
		{"string", "taco", "taco"},
		{"bool", true, true},
		{"null", nil, nil},
		{"array", []any{1, "a"}, []any{int64(1), "a"}},
		{"object", map[string]any{"a": 1, "@int": "x"}, map[string]any{"a": int64(1), "@int": "x"}},
		{"time", when, &when},
		{"date", struct {
			D time.Time `fauna:"d,date"`
		}{day}, map[string]any{"d": &day}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := do(t, c, "${v}", map[string]any{"v": tt.in})
			if !reflect.DeepEqual(res.Data, tt.want) {
				t.Errorf("got %#v (%T), want %#v", res.Data, res.Data, tt.want)
			}
		})
	}
}

type user struct {
	ID    string `fauna:"id"`
	Name  string `fauna:"name"`
	Email string `fauna:"email"`
}

func TestDriverDocuments(t *testing.T) {
	c := newClient(t)
	created := do(t, c, `User.create({name: ${name}, email: ${email}})`, map[string]any{"name": "Ada", "email": "ada@example.com"})
	doc, ok := created.Data.(*fauna.Document)
	if !ok || doc.Coll.Name != "User" || doc.TS == nil || doc.Data["name"] != "Ada" {
		t.Fatalf("create: %#v", created.Data)
	}
	var u user
	if err := do(t, c, "User.byId(${id})", map[string]any{"id": doc.ID}).Unmarshal(&u); err != nil {
		t.Fatal(err)
	}
	if u != (user{ID: doc.ID, Name: "Ada", Email: "ada@example.com"}) {
		t.Errorf("decoded %+v", u)
	}
	// A document sent back is a reference to it; a field holding a
	// document comes back as a reference.
	video := do(t, c, `Video.create({title: "t", author: ${u}})`, map[string]any{"u": doc}).Data.(*fauna.Document)
	ref, ok := video.Data["author"].(*fauna.Ref)
	if !ok || ref.ID != doc.ID || ref.Coll.Name != "User" {
		t.Errorf("author: %#v", video.Data["author"])
	}
	if got := do(t, c, "${r}.name", map[string]any{"r": fauna.Ref{ID: doc.ID, Coll: &fauna.Module{Name: "User"}}}).Data; got != "Ada" {
		t.Errorf("ref argument: %#v", got)
	}
	missing, ok := do(t, c, `User.byId("404")`, nil).Data.(*fauna.NullDocument)
	if !ok || missing.Cause != "not found" || missing.Ref.ID != "404" {
		t.Errorf("null doc: %#v", missing)
	}
	if m, ok := do(t, c, "User", nil).Data.(*fauna.Module); !ok || m.Name != "User" {
		t.Errorf("module: %#v", m)
	}
	// Injection: FQL text inside a value stays a string.
	evil := `") || User.all().forEach(.delete()) || ("`
	if got := do(t, c, "${e}", map[string]any{"e": evil}).Data; got != evil {
		t.Errorf("injection: %#v", got)
	}
	if n := do(t, c, "User.where(.email == ${e}).count()", map[string]any{"e": evil}).Data; n != int64(0) {
		t.Errorf("injected where: %#v", n)
	}
	if n := do(t, c, "User.all().count()", nil).Data; n != int64(1) {
		t.Errorf("users left: %#v", n)
	}
}

func TestDriverPaginate(t *testing.T) {
	c := newClient(t)
	do(t, c, `Set.sequence(0, 40).forEach(i => User.create({name: "u#{i}", email: "u#{i}@example.com"}))`, nil)
	it := c.Paginate(mustFQL(t, "User.all()", nil))
	var pages, docs int
	for {
		page, err := it.Next()
		if err != nil {
			t.Fatal(err)
		}
		var us []user
		if err := page.Unmarshal(&us); err != nil {
			t.Fatal(err)
		}
		pages++
		docs += len(us)
		if page.After == "" {
			break
		}
	}
	if pages != 3 || docs != 40 {
		t.Errorf("%d pages, %d documents; want 3 pages of 40", pages, docs)
	}
}

func TestDriverErrors(t *testing.T) {
	c := newClient(t)
	_, err := c.Query(mustFQL(t, "1 / 0", nil))
	var inv *fauna.ErrInvalidRequest
	if !errors.As(err, &inv) || inv.Code != "divide_by_zero" {
		t.Errorf("runtime error: %T %v", err, err)
	}
	_, err = c.Query(mustFQL(t, `Key.create({role: "server"})`, nil))
	if !errors.As(err, &inv) || inv.Code != "invalid_request" || !strings.Contains(inv.Message, "one database") {
		t.Errorf("no keys here: %T %v", err, err)
	}
	_, err = c.Query(mustFQL(t, "nope +", nil))
	var check *fauna.ErrQueryCheck
	if !errors.As(err, &check) {
		t.Errorf("check error: %T %v", err, err)
	}
	do(t, c, `User.create({name: "a", email: "dup"})`, nil)
	_, err = c.Query(mustFQL(t, `User.create({name: "b", email: "dup"})`, nil))
	var rt *fauna.ErrQueryRuntime
	if !errors.As(err, &rt) || rt.Code != "constraint_failure" || len(rt.ConstraintFailures) != 1 {
		t.Errorf("constraint: %T %v", err, err)
	}
	_, err = c.Query(mustFQL(t, `abort({reason: "no", n: 7})`, nil))
	var ab *fauna.ErrAbort
	if !errors.As(err, &ab) {
		t.Fatalf("abort: %T %v", err, err)
	}
	var why struct {
		Reason string `fauna:"reason"`
		N      int    `fauna:"n"`
	}
	if err := ab.Unmarshal(&why); err != nil || why.Reason != "no" || why.N != 7 {
		t.Errorf("abort value: %+v %v", why, err)
	}
	_, err = c.Query(mustFQL(t, "Set.sequence(0, 100000000).forEach(x => x)", nil), fauna.Timeout(time.Millisecond))
	var to *fauna.ErrQueryTimeout
	if !errors.As(err, &to) {
		t.Errorf("timeout: %T %v", err, err)
	}
}

func TestDriverSecretAndTags(t *testing.T) {
	srv := newServer(t, Options{Secret: driverSecret})
	_, err := clientOf(srv.URL, "wrong").Query(mustFQL(t, "1", nil))
	var auth *fauna.ErrAuthentication
	if !errors.As(err, &auth) || auth.Code != "unauthorized" {
		t.Errorf("wrong secret: %T %v", err, err)
	}
	c := clientOf(srv.URL, driverSecret)
	res := do(t, c, "1", nil, fauna.Tags(map[string]string{"project": "teapot", "hello": "world"}))
	if !reflect.DeepEqual(res.QueryTags, map[string]string{"project": "teapot", "hello": "world"}) {
		t.Errorf("tags: %#v", res.QueryTags)
	}
	if res.Stats == nil || res.Stats.ComputeOps < 1 || res.TxnTime == 0 || res.SchemaVersion == 0 {
		t.Errorf("query info: %+v", res.QueryInfo)
	}
	_, err = c.Query(mustFQL(t, "1", nil), fauna.Tags(map[string]string{"what": "are=you,doing?"}))
	var inv *fauna.ErrInvalidRequest
	if !errors.As(err, &inv) {
		t.Errorf("bad tags: %T %v", err, err)
	}
}

// Concurrent clients are served one query at a time: every increment of
// a read-modify-write lands (run with -race to see the engine is never
// entered twice).
func TestDriverConcurrentQueriesSerialized(t *testing.T) {
	c := newClient(t)
	id := do(t, c, `User.create({name: "0", email: "n"}).id`, nil).Data.(string)
	const workers, each = 4, 25
	errs := make(chan error, workers)
	for range workers {
		go func() {
			for range each {
				q := mustFQL(t, `let u = User.byId(${id})!; u.update({name: u.name + "x"}).name`, map[string]any{"id": id})
				if _, err := c.Query(q); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range workers {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if got := do(t, c, "User.byId(${id})!.name.length", map[string]any{"id": id}).Data; got != int64(1+workers*each) {
		t.Errorf("name after %d increments = %v", workers*each, got)
	}
}

// A body over the limit is an error each driver reports (fauna-go turns
// a 413 into no error and no data), naming the limit.
func TestDriverBodyOverTheLimit(t *testing.T) {
	srv := newServer(t, Options{Secret: driverSecret, MaxBodyBytes: 4 << 10})
	c := clientOf(srv.URL, driverSecret)
	res, err := c.Query(mustFQL(t, "${s}.length", map[string]any{"s": strings.Repeat("x", 8<<10)}))
	var inv *fauna.ErrInvalidRequest
	if !errors.As(err, &inv) || inv.StatusCode != 400 || inv.Code != "invalid_request" || !strings.Contains(inv.Message, "limit of 4,096 bytes (4 KiB)") {
		t.Fatalf("over the limit: %#v, %T %v", res, err, err)
	}
	// The connection is still good for the next query.
	if n := do(t, c, "${s}.length", map[string]any{"s": "xy"}).Data; n != int64(2) {
		t.Errorf("after: %v", n)
	}
}
