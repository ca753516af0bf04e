package bench

import (
	"fmt"
	"strings"
)

// sizes scale the workloads: full is the table, small is what the
// agreement test runs on every `go test`.
type sizes struct {
	Users, Videos, Authors, Bulk, Updates int
}

var (
	full  = sizes{Users: 100_000, Videos: 10_000, Authors: 1000, Bulk: 10_000, Updates: 1000}
	small = sizes{Users: 2000, Videos: 200, Authors: 20, Bulk: 200, Updates: 20}
)

// The same model on both sides: users with a unique email, videos by an
// author, permissions of a user on a video; each reference indexed.
const engineSchema = `type User {
  name: String!
  email: String! @unique
  age: Int
  videos: [Video!] @relation
}
type Video { title: String! duration: Int author: User! }
type Permission { user: User! video: Video! }
`

const sqliteSchema = `
CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE, age INTEGER);
CREATE TABLE videos(id INTEGER PRIMARY KEY, title TEXT NOT NULL, duration INTEGER, author INTEGER NOT NULL REFERENCES users(id));
CREATE INDEX videos_author ON videos(author);
CREATE TABLE permissions(id INTEGER PRIMARY KEY, user INTEGER NOT NULL REFERENCES users(id), video INTEGER NOT NULL REFERENCES videos(id));
CREATE INDEX permissions_user ON permissions(user);
CREATE INDEX permissions_video ON permissions(video);
`

// side is one system under test with its data loaded.
type side interface {
	// run runs one operation of workload w; what it returns is compared
	// between the two sides (the same text for the same answer).
	run(w *workload) (string, error)
	// reset undoes what a workload's setup needs undone (an empty database
	// for the bulk create), outside the timing.
	reset(w *workload) error
	// undo takes away what a workload's runs added to the data (w.undo),
	// outside the timing, once it is measured.
	undo(w *workload) error
	close()
}

// workload is one row of the table: its engine query and its SQL. A
// workload with fresh text makes a new text each run (key is the run's
// number); empty starts each run on an empty database.
type workload struct {
	key   string // a short name, for -only and benchmark names
	name  string
	fql   func(key int) string
	sql   func(key int) string
	fresh bool // the text changes every run
	// undo is the engine's and SQLite's texts that take away what the
	// runs made: each side runs the creates for as long as its
	// measurement lasts, so without it the workloads after would see more
	// users than their names say, and a different number on each side.
	undo   [2]string
	empty  bool // each run starts from an empty database
	rows   bool // the SQL returns rows to list, not one value
	counts int  // runs so far, the key of fresh texts
}

// workloads are the table, sized by s. ids are the engine's ids of
// the user and video the permission check looks up (found at load).
func workloads(s sizes, ids engineIDs) []*workload {
	mid := s.Users / 2
	perm := s.Authors / 2 // user #perm has a permission on video #perm
	return []*workload{
		{key: "roundtrip", name: "`1 + 1` round trip",
			fql: func(int) string { return "1 + 1" },
			sql: func(int) string { return "SELECT 1 + 1" }},
		{key: "bulkcreate", name: fmt.Sprintf("%s creates in one query", thousands(s.Bulk)), empty: true,
			fql: func(int) string {
				return fmt.Sprintf(`Set.sequence(0, %d).forEach(i => User.create({ name: "user #{i}", email: "u#{i}@example.com", age: i %% 100 })); "done"`, s.Bulk)
			},
			sql: func(int) string {
				return fmt.Sprintf(`WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < %d)
INSERT INTO users(name, email, age) SELECT 'user ' || i, 'u' || i || '@example.com', i %% 100 FROM s`, s.Bulk-1)
			}},
		{key: "freshcreate", name: "one create per query (new text each)", fresh: true,
			fql: func(k int) string {
				return fmt.Sprintf(`User.create({ name: "new %d", email: "new%d@example.com", age: 30 }); "done"`, k, k)
			},
			sql: func(k int) string {
				return fmt.Sprintf(`INSERT INTO users(name, email, age) VALUES ('new %d', 'new%d@example.com', 30)`, k, k)
			},
			undo: [2]string{`User.where(.name.startsWith("new ")).forEach(u => u.delete()); "done"`, `DELETE FROM users WHERE name LIKE 'new %'`}},
		{key: "firstwhere", name: fmt.Sprintf("`firstWhere(.email == …)` @%s", short(s.Users)),
			fql: func(int) string { return fmt.Sprintf(`User.firstWhere(.email == "u%d@example.com")!.name`, mid) },
			sql: func(int) string {
				return fmt.Sprintf(`SELECT '"' || name || '"' FROM users WHERE email = 'u%d@example.com'`, mid)
			}},
		{key: "count", name: fmt.Sprintf("`where(.age > 50).count()` @%s", short(s.Users)),
			fql: func(int) string { return `User.where(.age > 50).count()` },
			sql: func(int) string { return `SELECT count(*) FROM users WHERE age > 50` }},
		{key: "videocounts", name: fmt.Sprintf("%s users' video counts (%s videos)", short(s.Authors), short(s.Videos)), rows: true,
			fql: func(int) string {
				return fmt.Sprintf(`User.all().take(%d).map(u => u.videos.count()).toArray()`, s.Authors)
			},
			sql: func(int) string {
				return fmt.Sprintf(`SELECT (SELECT count(*) FROM videos v WHERE v.author = u.id) FROM users u ORDER BY u.id LIMIT %d`, s.Authors)
			}},
		{key: "permission", name: fmt.Sprintf("`Permission.where(.user == u && .video == v)` @%s", short(s.Videos)),
			fql: func(int) string {
				return fmt.Sprintf(`let u = User.byId("%s")!
let v = Video.byId("%s")!
Permission.where(.user == u && .video == v).nonEmpty()`, ids.user, ids.video)
			},
			sql: func(int) string {
				return fmt.Sprintf(`SELECT CASE WHEN EXISTS (SELECT 1 FROM permissions WHERE user = %d AND video = %d) THEN 'true' ELSE 'false' END`, perm+1, perm+1)
			}},
		{key: "ordertake", name: fmt.Sprintf("`all().order(desc(.age)).take(10)` @%s", short(s.Users)), rows: true,
			fql: func(int) string { return `User.all().order(desc(.age)).take(10).map(.email).toArray()` },
			sql: func(int) string { return `SELECT '"' || email || '"' FROM users ORDER BY age DESC, id LIMIT 10` }},
		{key: "update", name: fmt.Sprintf("update %s documents @%s", thousands(s.Updates), short(s.Users)),
			fql: func(int) string {
				return fmt.Sprintf(`User.all().take(%d).forEach(u => u.update({ age: u.age + 1 })); "done"`, s.Updates)
			},
			sql: func(int) string { return fmt.Sprintf(`UPDATE users SET age = age + 1 WHERE id <= %d`, s.Updates) }},
	}
}

// engineIDs are ids the engine drew, which the SQL side knows as rowids.
type engineIDs struct{ user, video string }

// text is a workload's text for this run.
func (w *workload) text(sql bool) string {
	k := 0
	if w.fresh {
		w.counts++
		k = w.counts
	}
	if sql {
		return w.sql(k)
	}
	return w.fql(k)
}

func short(n int) string {
	if n%1000 == 0 {
		return fmt.Sprintf("%dk", n/1000)
	}
	return fmt.Sprint(n)
}

func thousands(n int) string {
	if n >= 1000 && n%1000 == 0 {
		return fmt.Sprintf("%dk", n/1000)
	}
	return fmt.Sprint(n)
}

// engineLoad is the FQL that loads s into the engine, in batches: s.Users
// users (age i % 100), s.Videos videos by the first s.Authors users in
// turn, and a permission of each video's author on it.
func engineLoad(s sizes) []string {
	var out []string
	for done := 0; done < s.Users; done += 10_000 {
		out = append(out, fmt.Sprintf(`Set.sequence(%d, %d).forEach(i => User.create({ name: "user #{i}", email: "u#{i}@example.com", age: i %% 100 })); 0`,
			done, min(done+10_000, s.Users)))
	}
	for done := 0; done < s.Videos; done += 5000 {
		out = append(out, fmt.Sprintf(`let us = User.all().take(%d).toArray()
Set.sequence(%d, %d).forEach(i => {
  let v = Video.create({ title: "video #{i}", duration: i %% 600, author: us[i %% %d] })
  Permission.create({ user: us[i %% %d], video: v })
}); 0`, s.Authors, done, min(done+5000, s.Videos), s.Authors, s.Authors))
	}
	return out
}

// idQueries find the engine's ids of the user and the video of the
// permission check (user #Authors/2 on video #Authors/2).
func idQueries(s sizes) (user, video string) {
	perm := s.Authors / 2
	return fmt.Sprintf(`User.all().drop(%d).first()!.id`, perm), fmt.Sprintf(`Video.all().drop(%d).first()!.id`, perm)
}

// sqliteLoad is the SQL that loads the same data into SQLite.
func sqliteLoad(s sizes) []string {
	return []string{
		fmt.Sprintf(`WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < %d)
INSERT INTO users(name, email, age) SELECT 'user ' || i, 'u' || i || '@example.com', i %% 100 FROM s`, s.Users-1),
		fmt.Sprintf(`WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < %d)
INSERT INTO videos(title, duration, author) SELECT 'video ' || i, i %% 600, i %% %d + 1 FROM s`, s.Videos-1, s.Authors),
		`INSERT INTO permissions(user, video) SELECT author, id FROM videos ORDER BY id`,
		`ANALYZE`,
	}
}

// Suite is the workloads and their data as texts, for browsertest's page
// benchmark (the page against sql.js), which runs the same FQL and SQL.
type Suite struct {
	EngineSchema, SQLiteSchema string
	EngineLoad, SQLiteLoad     []string
	UserID, VideoID            string // idQueries: run after the load
	Workloads                  []PageWorkload
}

// PageWorkload is one workload's texts. FQL and SQL take the run's
// number, which only Fresh texts use; Empty runs start on an empty
// database (the bulk create).
type PageWorkload struct {
	Key, Name    string
	FQL, SQL     func(run int) string
	Fresh, Empty bool
	Rows         bool // the SQL returns rows, listed as [a, b]; else one value
}

// PageSuite is the suite at the sizes (full) or the agreement
// test's (small).
func PageSuite(fullSize bool) Suite {
	s := small
	if fullSize {
		s = full
	}
	u, v := idQueries(s)
	return Suite{EngineSchema: engineSchema, SQLiteSchema: sqliteSchema, EngineLoad: engineLoad(s), SQLiteLoad: sqliteLoad(s), UserID: u, VideoID: v}
}

// WithIDs fills in the workloads, once the ids the engine drew are known.
func (st Suite) WithIDs(fullSize bool, user, video string) Suite {
	s := small
	if fullSize {
		s = full
	}
	for _, w := range workloads(s, engineIDs{user: user, video: video}) {
		st.Workloads = append(st.Workloads, PageWorkload{Key: w.key, Name: w.name, FQL: w.fql, SQL: w.sql, Fresh: w.fresh, Empty: w.empty, Rows: w.rows})
	}
	return st
}

// Flat is the engine's text on one line, as the SQL side lists rows.
func Flat(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.ReplaceAll(strings.ReplaceAll(s, "[ ", "["), " ]", "]")
}
