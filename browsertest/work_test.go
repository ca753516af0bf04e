//go:build browser

package browsertest

import (
	"bytes"
	"compress/flate"
	"context"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Nothing a person makes is lost: schema edits, reloads, links and resets
// keep the data, by replaying the runs that wrote it (the journal).

// pressEnter presses Enter as a keyboard does: one keyDown that carries
// its text, which the page may prevent (chromedp's KeyEvent sends the text
// as a separate char event that no handler can prevent, so an editor that
// handles Enter itself would get a second newline).
func pressEnter() chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		down := input.DispatchKeyEvent(input.KeyDown).WithKey("Enter").WithCode("Enter").WithWindowsVirtualKeyCode(13).WithNativeVirtualKeyCode(13).WithText("\r").WithUnmodifiedText("\r")
		if err := down.Do(ctx); err != nil {
			return err
		}
		return input.DispatchKeyEvent(input.KeyUp).WithKey("Enter").WithCode("Enter").WithWindowsVirtualKeyCode(13).WithNativeVirtualKeyCode(13).Do(ctx)
	})
}

// count runs an FQL count through the page and returns its text.
func count(fql string, out *string) chromedp.Action {
	return chromedp.Evaluate(fmt.Sprintf(`window.playground.query(%s).then(r => r.error ? "error: " + r.error.message : r.text)`, jsString(fql)), out, awaitPromise)
}

func settled() chromedp.Action {
	return chromedp.Evaluate(`window.playground.settled().then(() => true)`, nil, awaitPromise)
}

// reopen reloads the page and waits until it is ready again.
func reopen() chromedp.Tasks {
	return chromedp.Tasks{
		chromedp.Sleep(500 * time.Millisecond), // the autosave is debounced
		chromedp.Reload(),
		chromedp.WaitVisible("#schema-editor .cm-content"),
		chromedp.Evaluate(`window.playground.ready`, nil, awaitPromise),
	}
}

// linkOf makes a share link for a raw state, as share.js encodes one.
func linkOf(t *testing.T, state string) string {
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(state))
	w.Close()
	return baseURL + "#s=" + base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

const twoTypes = "type User {\n  name: String!\n  email: String! @unique\n}\n\ntype Permission {\n  user: User!\n  level: Int\n}\n"

// Typing in the schema editor keeps the data: a comment keeps the database
// as it is, a new field rebuilds the data under the new schema, removing a
// collection says which runs no longer apply, and Ctrl+Z brings them back.
func TestSchemaEditKeepsData(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var afterComment, afterField, afterRemove, afterUndo, perms, users, status, box string
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(fmt.Sprintf(`window.playground.load({schema: %s, fql: ""})`, jsString(twoTypes)), nil, awaitPromise),
		chromedp.Evaluate(`(async () => {
			await window.playground.query('User.create({ name: "Jane", email: "jane@x" })');
			await window.playground.query('User.create({ name: "Bob", email: "bob@x" })');
			await window.playground.query('Permission.create({ user: User.byEmail("jane@x").first(), level: 2 })');
			await window.playground.query('User.all().count()');
		})()`, nil, awaitPromise),
		// A comment typed at the top, key by key.
		chromedp.Click("#schema-editor .cm-content"),
		chromedp.KeyEvent(kb.Home, chromedp.KeyModifiers(modCtrl())),
		chromedp.KeyEvent("# a note"),
		pressEnter(),
		settled(),
		textOf("#status", &status),
		count("User.all().count()", &afterComment),
	)
	if err != nil {
		t.Fatal(err)
	}
	if afterComment != "2" || !strings.Contains(status, "data is kept") {
		t.Errorf("after a comment: %s users, status %q; want 2, the data kept", afterComment, status)
	}
	// A field added after `name: String!`.
	err = chromedp.Run(ctx,
		chromedp.Evaluate(`(() => {
			const v = window.playground.editor("schema");
			const at = v.state.doc.toString().indexOf("email:");
			v.dispatch({ selection: { anchor: at } });
			v.focus();
		})()`, nil),
		chromedp.KeyEvent("age: Int"),
		pressEnter(),
		settled(),
		textOf("#status", &status),
		count("User.all().count()", &afterField),
		count("Permission.all().count()", &perms),
	)
	if err != nil {
		t.Fatal(err)
	}
	if afterField != "2" || perms != "1" || !strings.Contains(status, "rebuilt") {
		t.Errorf("after a field: %s users, %s permissions, status %q; want 2, 1, rebuilt", afterField, perms, status)
	}
	// Permission removed: its run no longer applies, and the page says so.
	err = chromedp.Run(ctx,
		chromedp.Evaluate(`(() => {
			const v = window.playground.editor("schema");
			const doc = v.state.doc.toString();
			const at = doc.indexOf("type Permission");
			v.dispatch({ changes: { from: at, to: doc.length, insert: "" }, userEvent: "delete" });
		})()`, nil),
		settled(),
		textOf("#status", &status),
		textOf("#rebuild-box", &box),
		count("User.all().count()", &afterRemove),
	)
	if err != nil {
		t.Fatal(err)
	}
	if afterRemove != "2" || !strings.Contains(status, "no longer applies") || !strings.Contains(box, "Permission.create") {
		t.Errorf("after removing Permission: %s users, status %q, account %q", afterRemove, status, box)
	}
	// Ctrl+Z: the type is back, and so is its document.
	err = chromedp.Run(ctx,
		chromedp.Click("#schema-editor .cm-content"),
		chromedp.KeyEvent("z", chromedp.KeyModifiers(modCtrl())),
		settled(),
		count("Permission.all().count()", &afterUndo),
		count("User.all().map(.name).toArray()", &users),
	)
	if err != nil {
		t.Fatal(err)
	}
	if afterUndo != "1" || users != `["Jane", "Bob"]` {
		t.Errorf("after Ctrl+Z: %s permissions, users %s; want 1 and Jane, Bob", afterUndo, users)
	}
}

// A reload keeps every document whatever ran since: the journal keeps the
// writes, not the reads (it used to keep the last 200 runs of any kind).
func TestReloadKeepsEveryWrite(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var got, journal string
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(`window.playground.load({schema: "type Note { n: Int }", fql: ""})`, nil, awaitPromise),
		chromedp.Evaluate(`(async () => {
			for (let i = 0; i < 250; i++) await window.playground.query("Note.create({ n: " + i + " })");
			for (let i = 0; i < 210; i++) await window.playground.query("Note.all().count()");
		})()`, nil, awaitPromise),
		reopen(),
		count("Note.all().count()", &got),
		chromedp.Evaluate(`String(window.playground.state().journal.length)`, &journal),
	)
	if err != nil {
		t.Fatal(err)
	}
	if got != "250" || journal != "250" {
		t.Errorf("after a reload: %s notes, %s runs kept; want 250 and 250 (writes only)", got, journal)
	}
}

// holdEngineReady, run in the page before its own scripts, keeps the engine
// worker's "ready" message until window.__releaseEngine(): the test sees
// the page as it is while engine.wasm loads, for as long as it likes.
const holdEngineReady = `(() => {
	const Real = Worker, held = [];
	window.__engineHeld = true;
	window.__releaseEngine = () => { window.__engineHeld = false; for (const f of held.splice(0)) f(); };
	window.Worker = class extends Real {
		set onmessage(fn) {
			super.onmessage = (e) => {
				if (window.__engineHeld && e.data && e.data.ready) { held.push(() => this.onmessage(e)); return; }
				fn.call(this, e);
			};
		}
		get onmessage() { return super.onmessage; }
	};
})()`

// While the engine loads, the page already shows the work it will open
// (after a reload, the autosaved one), read-only: a keystroke then is
// refused rather than lost later, and no autosave is written from editors
// that lack the work's journal. Once the engine runs, the data is back
// and the editors take edits.
func TestWorkShowsWhileTheEngineLoads(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	const schema = "type Note { n: Int }"
	var editable, typedEarly, status, notes, typedLater string
	var savedRuns int
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(fmt.Sprintf(`window.playground.load({schema: %s, fql: "Note.create({ n: 1 })"})`, jsString(schema)), nil, awaitPromise),
		chromedp.Sleep(500*time.Millisecond), // the autosave is debounced
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := page.AddScriptToEvaluateOnNewDocument(holdEngineReady).Do(ctx)
			return err
		}),
		chromedp.Reload(),
		chromedp.Poll(fmt.Sprintf(`document.querySelector("#schema-editor .cm-content")?.textContent === %s`, jsString(schema)), nil,
			chromedp.WithPollingTimeout(20*time.Second)),
		chromedp.Evaluate(`document.querySelector("#schema-editor .cm-content").getAttribute("contenteditable")`, &editable),
		chromedp.Click("#schema-editor .cm-content"),
		input.InsertText("type Lost { x: Int }"),
		chromedp.Sleep(700*time.Millisecond), // past the autosave's debounce
		chromedp.Evaluate(`document.querySelector("#schema-editor .cm-content").textContent`, &typedEarly),
		textOf("#status", &status),
		// What autosave holds still has the run (a small state lives in
		// localStorage).
		chromedp.Evaluate(`(JSON.parse(localStorage.getItem("fauna-relations-playground") || "{}").journal || []).length`, &savedRuns),
		chromedp.Evaluate(`window.__releaseEngine()`, nil),
		chromedp.Evaluate(`window.playground.ready`, nil, awaitPromise),
		count("Note.all().count()", &notes),
		typeInto("#schema-editor", "type Kept { x: Int }"),
		chromedp.Evaluate(`document.querySelector("#schema-editor .cm-content").textContent`, &typedLater),
	)
	if err != nil {
		t.Fatal(err)
	}
	if editable != "false" || typedEarly != schema || !strings.Contains(status, "Loading the engine") || savedRuns != 1 {
		t.Errorf("while the engine loads: contenteditable %q, the schema after typing %q, status %q, %d runs autosaved; want false, %q, loading, 1",
			editable, typedEarly, status, savedRuns, schema)
	}
	if notes != "1" || typedLater != "type Kept { x: Int }" {
		t.Errorf("once it runs: %s notes, the schema after typing %q; want 1 and what was typed", notes, typedLater)
	}

	// A link shows its work too, and stays in the address bar until it is
	// open: had the engine not started, a reload would open it again.
	const linked = "type Linked { x: Int }"
	var hashEarly, hashLater string
	err = chromedp.Run(ctx,
		chromedp.Navigate("about:blank"), // a new document, not a hashchange
		chromedp.Navigate(linkOf(t, fmt.Sprintf(`{"v":2,"schema":%s,"fql":"Linked.all().count()"}`, jsString(linked)))),
		chromedp.Poll(fmt.Sprintf(`document.querySelector("#schema-editor .cm-content")?.textContent === %s`, jsString(linked)), nil,
			chromedp.WithPollingTimeout(20*time.Second)),
		chromedp.Evaluate(`location.hash`, &hashEarly),
		chromedp.Evaluate(`window.__releaseEngine()`, nil),
		waitText("#status", "Restored the shared"),
		chromedp.Evaluate(`location.hash`, &hashLater),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hashEarly, "#s=") || hashLater != "" {
		t.Errorf("the link's fragment while the engine loads %q, once open %q; want the link's, then none", hashEarly, hashLater)
	}
}

// Share link: the link is shown and copied but the address bar stays as it
// was, so a reload shows the later work; opening the link over other work
// offers that work back; a link pasted into an open tab loads.
func TestShareLinkKeepsLaterWork(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var link, hash, afterReload, fromLink, undo, afterUndo, pasted string
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(`window.playground.load({schema: "type Note { n: Int }", fql: "Note.create({ n: 1 })"})`, nil, awaitPromise),
		chromedp.Evaluate(`window.playground.share()`, &link, awaitPromise),
		chromedp.Evaluate(`location.hash`, &hash),
		chromedp.Evaluate(`window.playground.query("Note.create({ n: 2 })")`, nil, awaitPromise),
		reopen(),
		count("Note.all().count()", &afterReload),
	)
	if err != nil {
		t.Fatal(err)
	}
	if hash != "" || afterReload != "2" {
		t.Errorf("after sharing the address bar holds %q; after a reload %s notes (want none, 2)", hash, afterReload)
	}
	err = chromedp.Run(ctx,
		chromedp.Navigate(link),
		chromedp.WaitVisible("#schema-editor .cm-content"),
		chromedp.Evaluate(`window.playground.ready`, nil, awaitPromise),
		// The link differs from the page's address only by its fragment: it
		// opens through hashchange, after ready; count once it is open.
		waitText("#status", "Restored the shared"),
		count("Note.all().count()", &fromLink),
		chromedp.Evaluate(`location.hash`, &hash),
		textOf("#undo-box", &undo),
	)
	if err != nil {
		t.Fatal(err)
	}
	if fromLink != "1" || hash != "" || !strings.Contains(undo, "link replaced") {
		t.Errorf("the link: %s notes, address bar %q, offer %q; want 1, no fragment, an offer", fromLink, hash, undo)
	}
	err = chromedp.Run(ctx,
		chromedp.Click("#undo"),
		waitText("#status", "previous work is back"),
		count("Note.all().count()", &afterUndo),
		// The same link pasted into this open tab.
		chromedp.Evaluate(fmt.Sprintf(`location.hash = %s.split("#")[1]`, jsString(link)), nil),
		chromedp.Poll(`document.querySelector("#status").textContent.includes("Restored the shared")`, nil, chromedp.WithPollingTimeout(20*time.Second)),
		count("Note.all().count()", &pasted),
	)
	if err != nil {
		t.Fatal(err)
	}
	if afterUndo != "2" || pasted != "1" {
		t.Errorf("brought back: %s notes (want 2); the pasted link: %s (want 1)", afterUndo, pasted)
	}
}

// States of the wrong shape (from a link or an autosave) open the page
// with a clear notice, never a frozen tab.
func TestBadStatesOpenThePage(t *testing.T) {
	cases := []struct{ name, state, want string }{
		{"fql is a number", `{"schema":"type A { x: Int }","fql":5}`, "fql was not text"},
		{"variables is an object", `{"schema":"type A { x: Int }","variables":{"a":1}}`, "variables was not text"},
		{"history of nulls", `{"schema":"type A { x: Int }","history":[null, 5, {"op":"query","fql":7}]}`, "3 of its runs could not be read"},
		{"journal not a list", `{"v":2,"schema":"type A { x: Int }","journal":"x"}`, "runs were not a list"},
		{"no schema", `{"fql":"1"}`, "does not hold a schema"},
		{"not an object", `[1,2]`, "not a playground state"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, via := range []string{"link", "autosave"} {
				ctx, done := browser(t)
				var note string
				var steps chromedp.Tasks
				if via == "link" {
					steps = chromedp.Tasks{open(linkOf(t, c.state))}
				} else {
					steps = chromedp.Tasks{
						open(baseURL),
						chromedp.Sleep(500 * time.Millisecond), // the page's own autosave is done
						chromedp.Evaluate(fmt.Sprintf(`localStorage.setItem("fauna-relations-playground", %s)`, jsString(c.state)), nil),
						chromedp.Reload(),
						chromedp.WaitVisible("#schema-editor .cm-content"),
						chromedp.Evaluate(`window.playground.ready`, nil, awaitPromise),
					}
				}
				steps = append(steps, textOf("#notice", &note))
				if err := chromedp.Run(ctx, steps...); err != nil {
					t.Errorf("%s: %v", via, err)
				} else if !strings.Contains(note, c.want) {
					t.Errorf("%s: notice %q, want it to say %q", via, note, c.want)
				}
				done()
			}
		})
	}
}

// Reset data can be undone: the data comes back.
func TestResetCanBeUndone(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var after, back string
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(`window.playground.load({schema: "type Note { n: Int }", fql: "Note.create({ n: 1 }); Note.create({ n: 2 })"})`, nil, awaitPromise),
		chromedp.Click("#reset"),
		waitText("#undo-box", "emptied"),
		count("Note.all().count()", &after),
		chromedp.Click("#undo"),
		waitText("#status", "previous work is back"),
		count("Note.all().count()", &back),
	)
	if err != nil {
		t.Fatal(err)
	}
	if after != "0" || back != "2" {
		t.Errorf("after reset %s notes, after undo %s; want 0 and 2", after, back)
	}
}

// A long rebuild shows its progress and can be cancelled: what was
// replayed stays, the rest is set aside (and offered back).
func TestRebuildShowsProgressAndCancels(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	runs := make([]string, 60)
	for i := range runs {
		runs[i] = fmt.Sprintf(`{"op":"query","fql":"Set.sequence(0, 400).forEach(i => Note.create({ n: i })); %d"}`, i)
	}
	state := `{"v":2,"schema":"type Note { n: Int }","journal":[` + strings.Join(runs, ",") + `]}`
	var progress, undo, notes string
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Sleep(500*time.Millisecond), // the page's own autosave is done
		chromedp.Evaluate(fmt.Sprintf(`localStorage.setItem("fauna-relations-playground", %s)`, jsString(state)), nil),
		chromedp.Reload(),
		chromedp.Poll(`/Rebuilding the data.* of 60 runs/.test(document.querySelector("#status").textContent)`, nil, chromedp.WithPollingTimeout(20*time.Second)),
		textOf("#status", &progress),
		chromedp.WaitVisible("#cancel"),
		chromedp.Click("#cancel"),
		chromedp.Evaluate(`window.playground.ready`, nil, awaitPromise),
		waitText("#undo-box", "set aside"),
		textOf("#undo-box", &undo),
		count("Note.all().count()", &notes),
	)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	fmt.Sscan(notes, &n)
	if n == 0 || n%400 != 0 || n >= 60*400 {
		t.Errorf("after cancelling: %s notes; want a whole number of runs (400 each), fewer than 60", notes)
	}
	if !strings.Contains(undo, "stopped (cancelled)") {
		t.Errorf("the account: %q", undo)
	}
	t.Logf("progress shown: %q", progress)
}

// A schema with no collections is no error: the panels say what to do.
func TestEmptySchemaIsNoError(t *testing.T) {
	for _, sdl := range []string{"", "# only a note\n", "enum Color { RED GREEN }", "type Address @embedded { city: String }"} {
		t.Run(sdl, func(t *testing.T) {
			ctx, done := browser(t)
			defer done()
			var errs, status string
			err := chromedp.Run(ctx,
				open(baseURL),
				chromedp.Evaluate(fmt.Sprintf(`window.playground.setSchema(%s).then(r => JSON.stringify(r.errors))`, jsString(sdl)), &errs, awaitPromise),
				textOf("#status", &status),
			)
			if err != nil {
				t.Fatal(err)
			}
			if errs != "[]" || !strings.Contains(status, "no collections yet") {
				t.Errorf("errors %s, status %q", errs, status)
			}
		})
	}
}

// Typing a schema literally, key by key: Enter indents, and the `}` typed
// over the one the editor put there is not doubled.
func TestTypingASchemaLiterally(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var got string
	err := chromedp.Run(ctx,
		open(baseURL),
		typeInto("#schema-editor", ""),
		chromedp.KeyEvent("type User {"),
		pressEnter(),
		chromedp.KeyEvent("name: String!"),
		pressEnter(),
		chromedp.KeyEvent("}"),
		chromedp.Evaluate(`window.playground.editor("schema").state.doc.toString()`, &got),
	)
	if err != nil {
		t.Fatal(err)
	}
	if want := "type User {\n  name: String!\n}"; got != want {
		t.Errorf("typed:\n%q\nwant\n%q", got, want)
	}
}

// The time shown is the engine's own, with the precision it has, for FQL
// and GraphQL alike; GraphQL shows its ops too.
func TestHonestNumbers(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var fql, gql string
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(`window.playground.query("1 + 1")`, nil, awaitPromise),
		textOf("#stats", &fql),
		chromedp.Evaluate(`window.playground.graphql("{ findUserByID(id: \"1\") { name } }")`, nil, awaitPromise),
		textOf("#stats", &gql),
	)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{fql, gql} {
		if !strings.Contains(s, "read ops") || !(strings.HasSuffix(s, "< 0.1 ms") || strings.HasSuffix(s, ".0 ms") || strings.Contains(s, ".") && strings.HasSuffix(s, " ms")) {
			t.Errorf("stats %q: want ops and a time such as 0.3 ms or < 0.1 ms", s)
		}
		if i := strings.LastIndex(s, "."); i > 0 && len(strings.TrimSuffix(s[i+1:], " ms")) > 1 {
			t.Errorf("stats %q: more digits than the clock has", s)
		}
	}
}

// Polish: the page has an icon (no favicon.ico 404), History opens without
// squeezing the result, and the examples menu names no internal files.
func TestPagePolish(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var icon, labels string
	var resultHeight float64
	err := chromedp.Run(ctx,
		viewport(1400, 900, "light"),
		open(baseURL),
		chromedp.Evaluate(`fetch(document.querySelector("link[rel=icon]").href).then(r => r.status + " " + r.headers.get("content-type"))`, &icon, awaitPromise),
		chromedp.Evaluate(`[...document.querySelectorAll("#examples optgroup")].map(g => g.label).join("|")`, &labels),
		chromedp.Evaluate(`(async () => { for (let i = 0; i < 30; i++) await window.playground.query("1 + " + i); })()`, nil, awaitPromise),
		chromedp.Click("#history-box summary"),
		chromedp.Sleep(200*time.Millisecond),
		chromedp.Evaluate(`document.querySelector("#query-pane .result").getBoundingClientRect().height`, &resultHeight),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(icon, "200 image/svg+xml") {
		t.Errorf("icon: %s", icon)
	}
	if strings.Contains(labels, "(004)") || strings.Contains(labels, "000") {
		t.Errorf("menu groups name internal files: %s", labels)
	}
	if resultHeight < 150 {
		t.Errorf("with History open the result is %.0f px tall", resultHeight)
	}
}

// A long session comes back quickly: 5,000 runs that wrote are replayed
// after a reload, and again after a cancelled query restarts the engine.
func TestLongJournalComesBack(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	runs := make([]string, 5000)
	for i := range runs {
		runs[i] = fmt.Sprintf(`{"op":"query","fql":"Note.create({ n: %d })"}`, i)
	}
	state := `{"v":2,"schema":"type Note { n: Int }","journal":[` + strings.Join(runs, ",") + `]}`
	var reloadMs, restartMs float64
	var notes, after string
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Sleep(500*time.Millisecond), // the page's own autosave is done
		chromedp.Evaluate(fmt.Sprintf(`localStorage.setItem("fauna-relations-playground", %s)`, jsString(state)), nil),
		chromedp.Reload(),
		chromedp.WaitVisible("#schema-editor .cm-content"),
		chromedp.Evaluate(`window.playground.ready.then(() => performance.now())`, &reloadMs, awaitPromise),
		count("Note.all().count()", &notes),
		// A query that runs until cancelled: the engine restarts and replays.
		chromedp.Evaluate(`(() => { window.__t0 = performance.now(); window.__q = window.playground.query("Set.sequence(0, 100000000).fold(0, (a, i) => a + i)"); })()`, nil),
		chromedp.WaitVisible("#cancel"),
		chromedp.Evaluate(`window.__tc = performance.now()`, nil),
		chromedp.Click("#cancel"),
		chromedp.Evaluate(`window.__q.then(() => window.playground.query("Note.all().count()")).then((r) => { window.__count = r.text; return performance.now() - window.__tc; })`, &restartMs, awaitPromise),
		chromedp.Evaluate(`window.__count`, &after),
	)
	if err != nil {
		t.Fatal(err)
	}
	if notes != "5000" || after != "5000" {
		t.Errorf("notes after the reload %s, after the restart %s; want 5000 and 5000", notes, after)
	}
	t.Logf("FIGURE 5,000 runs replayed: navigation to ready %.0f ms; Cancel to the data back %.0f ms", reloadMs, restartMs)
}

// A typo in the schema loses nothing: the schema with an error is not
// applied (as Fauna refuses one), so queries go on running on the schema
// in force and its data; undoing the typo gives the same database back,
// with the result on screen, not a rebuild. The error's marker in the
// gutter goes with the error, in the schema editor and in the FQL one.
func TestATypoInTheSchemaLosesNothing(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	markers := func(editor string, out *int) chromedp.Action {
		return chromedp.Evaluate(fmt.Sprintf(`document.querySelectorAll("#%s-editor .cm-lint-marker-error").length`, editor), out)
	}
	var withTypo, afterUndo, result, status, statusTypo, failedTypo string
	var typoMarks, undoMarks, fqlBad, fqlGood int
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(fmt.Sprintf(`window.playground.load({schema: %s, fql: ""})`, jsString(twoTypes)), nil, awaitPromise),
		chromedp.Evaluate(`window.playground.query('User.create({ name: "Jane", email: "jane@x" })')`, nil, awaitPromise),
		runIn("fql", `User.all().map(.name).toArray()`, &result, new(string)),
		typeAtEnd("schema", "x"),
		settled(),
		textOf("#status", &statusTypo),
		markers("schema", &typoMarks),
		runIn("fql", `Nope.all()`, new(string), new(string)),
		textOf("#status", &failedTypo),
		runIn("fql", `User.all().map(.name).toArray()`, &withTypo, new(string)),
		typeAtEnd("schema", kb.Backspace),
		settled(),
		textOf("#status", &status),
		markers("schema", &undoMarks),
		chromedp.Evaluate(`document.querySelector("#result-text").textContent`, &result),
		count("User.all().count()", &afterUndo),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(statusTypo, "not applied") || typoMarks == 0 || !strings.Contains(withTypo, "Jane") {
		t.Errorf("with the typo: status %q, %d markers, query %q; want not applied, a marker, Jane's name", statusTypo, typoMarks, withTypo)
	}
	if !strings.Contains(failedTypo, "FQL error") || !strings.Contains(failedTypo, "not applied") {
		t.Errorf("a failed query with the typo: status %q; want the error and that the schema is not applied", failedTypo)
	}
	if !strings.Contains(status, "data is kept") || undoMarks != 0 || afterUndo != "1" || !strings.Contains(result, "Jane") {
		t.Errorf("after undoing it: status %q, %d markers, count %s, result %q; want the data kept, no marker, 1, Jane's", status, undoMarks, afterUndo, result)
	}
	// An FQL error's marker goes once a good query runs.
	err = chromedp.Run(ctx,
		runIn("fql", `User.all().map(u => u.nope.x)`, new(string), new(string)),
		markers("fql", &fqlBad),
		runIn("fql", `User.all().count()`, &result, new(string)),
		markers("fql", &fqlGood),
	)
	if err != nil {
		t.Fatal(err)
	}
	if fqlBad == 0 || fqlGood != 0 || !strings.Contains(result, "1") {
		t.Errorf("FQL markers: %d after an error, %d after a good run (result %q); want some, then none", fqlBad, fqlGood, result)
	}
}
