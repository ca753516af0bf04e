package engine_test

import (
	"strings"
	"testing"

	"github.com/faunaplay/playground/engine"
	"github.com/faunaplay/playground/engine/fql/value"
)

const fastSchema = `type User {
  name: String!
  email: String! @unique
  age: Int
  videos: [Video!] @relation
}
type Video { title: String! author: User! }
type Permission { user: User! video: Video! }
`

// TestFastPathsAgree runs each query with the evaluator's shortcuts on and
// off, on the same data, and wants the same text and error, and the same
// read ops when it succeeds (a failing order().take() stops reading at the
// failing document, where the sort read them all first).
func TestFastPathsAgree(t *testing.T) {
	setup := []string{
		`Set.sequence(0, 300).forEach(i => User.create({ name: "user #{i}", email: "u#{i}@x.com", age: if (i % 11 == 0) null else i % 7 }))`,
		`let us = User.all().take(30).toArray()
Set.sequence(0, 200).forEach(i => {
  let v = Video.create({ title: "v#{i}", author: us[i % 30] })
  Permission.create({ user: us[i % 30], video: v })
})`,
	}
	queries := []string{
		`User.all().count()`,
		`Video.all().count()`,
		`User.all().first()!.videos.count()`,
		`Video.byAuthor(User.all().first()).count()`,
		`Video.byAuthor(User.all().drop(100).first()).count()`,
		`User.all().take(40).map(u => u.videos.count()).toArray()`,
		`User.where(.age > 3).count()`,
		`User.all().where(.age >= 3).count()`,
		`User.all().where(3 > .age).map(.name).toArray()`,
		`User.all().where(u => u.age == 2).take(5).map(.email).toArray()`,
		`User.all().where(.age != 2).count()`,
		`User.all().where(.age == null).count()`,
		`User.all().where(.age < "x").count()`,
		`User.all().where(.name >= "user 5").count()`,
		`User.all().where(.name == 5).count()`,
		`Video.all().where(.author == null).count()`,
		`Video.all().where(.title <= "v3").count()`,
		`User.all().where(.videos == null).count()`,
		`User.all().where(.id == "1").count()`,
		`User.all().where(.ts > Time("2020-01-01T00:00:00Z")).count()`,
		`User.all().where(.email == "u7@x.com").first()!.name`,
		// A column kept from the queries above, then written: the next
		// reads see the write, inside the query and after it.
		`User.all().take(50).forEach(u => u.update({ age: 6 })); User.where(.age > 5).count()`,
		`User.where(.age > 5).count()`,
		`User.all().order(desc(.age), .name).take(5).map(.name).toArray()`,
		`User.all().first()!.update({ age: 100 }); [User.where(.age > 99).count(), User.all().order(desc(.age)).take(1).map(.age).toArray()]`,
		`[User.where(.age > 99).count(), User.all().order(desc(.age)).take(2).map(.age).toArray()]`,
		`User.all().first()!.update({ age: "text" }); 0`,
		`[User.where(.age > 5).count(), User.where(.age > "a").count(), User.all().order(.age).take(3).map(.age).toArray()]`,
		// Enough index reads that the index is grouped; then a write.
		`Set.sequence(0, 300).fold(0, (a, i) => a + User.all().drop(i % 40).first()!.videos.count())`,
		`User.all().drop(3).first()!.videos.map(.title).toArray()`,
		`let u = User.all().drop(3).first()!
Video.create({ title: "new", author: u })
Set.sequence(0, 300).fold(0, (a, i) => a + u.videos.count())`,
		`Set.sequence(0, 300).fold(0, (a, i) => a + User.all().drop(3).first()!.videos.count())`,
		`[User.all().drop(3).first()!.videos.map(.title).toArray(), Video.byAuthor(null).count()]`,
		`let v = Video.all().drop(35).first()!; Set.sequence(0, 300).fold(0, (a, i) => a + Permission.where(.user == v.author && .video == v).count())`,
		`let u = User.all().first()!; u.delete(); [User.all().count(), Video.byAuthor(u).count()]`,
		`User.create({ name: "n", email: "n@x.com" }); User.all().count()`,
		`User.all().order(desc(.age)).take(10).map(.email).toArray()`,
		`User.all().order(.age, desc(.name)).drop(5).take(7).map(.name).toArray()`,
		`User.all().order(asc(.age)).take(1000).count()`,
		`User.all().order(desc(.age)).take(0).toArray()`,
		`User.all().order(desc(.age)).take(3)`,
		`User.all().order(.age).take(5).map(.name).toArray()`,
		`User.all().order(desc(u => u.age), .name).take(12).map(.name).toArray()`,
		`Video.all().order(desc(.author), .title).take(4).map(.title).toArray()`,
		`User.all().order(.videos).take(2).map(.name).toArray()`,
		`User.where(.age > 4).order(desc(.name)).take(3).map(.name).toArray()`,
		`Set.sequence(0, 50).order(desc(x => x % 5)).take(12).toArray()`,
		`[3, 1, 2].toSet().order().take(2).toArray()`,
		`[1, "a", null, 2.5, [1], true].toSet().order().take(4).toArray()`,
		`User.all().order(.nope.x).take(3).toArray()`,
		`User.all().order(u => u.name.length).drop(290).take(20).map(.name).toArray()`,
		`let v = Video.all().drop(35).first()!; Permission.where(.user == v.author && .video == v).toArray().map(.video.title)`,
		`let v = Video.all().drop(35).first()!; Permission.where(.video == v && .user == v.author).count()`,
		`Permission.where(.user == User.byEmail("u5@x.com").first() && .video == Video.all().first()).toArray()`,
		`Permission.where(.user == User.byEmail("u5@x.com").first() && .video != Video.all().first()).count()`,
	}
	// The planner's choice of index reads fewer documents, never more.
	planned := func(q string) bool { return strings.Contains(q, "Permission.where(") }
	fast := runWithFastPaths(t, true, fastSchema, setup, queries)
	slow := runWithFastPaths(t, false, fastSchema, setup, queries)
	for i, q := range queries {
		f, s := fast[i], slow[i]
		reads := f.Stats.ReadOps == s.Stats.ReadOps || planned(q) && f.Stats.ReadOps < s.Stats.ReadOps
		if f.Text != s.Text || (f.Error == nil) != (s.Error == nil) || f.Error == nil && !reads {
			t.Errorf("%s\nfast: %s (%d reads)\nslow: %s (%d reads)", q, f.Text, f.Stats.ReadOps, s.Text, s.Stats.ReadOps)
		}
	}
}

// runWithFastPaths sets the schema (SDL or FSL, told by its text) on a
// new engine, runs setup, and returns the results of queries, with the
// evaluator's shortcuts on or off.
func runWithFastPaths(t *testing.T, fast bool, schemaText string, setup, queries []string) []engine.QueryResult {
	t.Helper()
	value.FastPaths = fast
	defer func() { value.FastPaths = true }()
	e := engine.NewWithClock(fixedClock())
	if r := e.SetSchema(schemaText); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	for _, q := range setup {
		if res := e.Query(q); res.Error != nil {
			t.Fatal(res.Text)
		}
	}
	var out []engine.QueryResult
	for _, q := range queries {
		out = append(out, e.Query(q))
	}
	return out
}
