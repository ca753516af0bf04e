//go:build browser

package browsertest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The editors know the schema: FQL and the schema complete and hover from
// the engine, GraphQL from the generated API, the variables editor from the
// operation; Format formats each.

const videoSchema = "type User {\n  name: String!\n  email: String! @unique\n  videos: [Video!] @relation\n}\n\ntype Video {\n  title: String!\n  author: User!\n}\n"

// completionLabels waits for the completion list and reads its labels.
func completionLabels(out *string) chromedp.Tasks {
	return chromedp.Tasks{
		chromedp.Poll(`document.querySelectorAll(".cm-tooltip-autocomplete li").length > 0`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Evaluate(`[...document.querySelectorAll(".cm-tooltip-autocomplete li .cm-completionLabel")].map(n => n.textContent).join(" ")`, out),
	}
}

// typeAtEnd focuses an editor, puts the cursor at the end and types keys.
func typeAtEnd(editor, keys string) chromedp.Tasks {
	return chromedp.Tasks{
		chromedp.Evaluate(fmt.Sprintf(`(() => { const v = window.playground.editor(%q); v.dispatch({ selection: { anchor: v.state.doc.length } }); v.focus(); })()`, editor), nil),
		chromedp.KeyEvent(keys),
	}
}

func setEditor(editor, text string) chromedp.Action {
	return chromedp.Evaluate(fmt.Sprintf(`(() => { const v = window.playground.editor(%q); v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: %s } }); })()`, editor, jsString(text)), nil)
}

func TestFQLCompletesFromTheSchema(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var methods, fields, info string
	var shownMs float64
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(fmt.Sprintf(`window.playground.setSchema(%s)`, jsString(videoSchema)), nil, awaitPromise),
		setEditor("fql", "User"),
		// The time from the key "." to the list in the page: a keydown
		// listener and a MutationObserver, both in the page's clock.
		chromedp.Evaluate(`window.__shown = new Promise((resolve) => {
			let down = 0;
			document.addEventListener("keydown", () => { down = performance.now(); }, { capture: true, once: true });
			new MutationObserver((_, obs) => {
				if (document.querySelector(".cm-tooltip-autocomplete li")) { obs.disconnect(); resolve(performance.now() - down); }
			}).observe(document.body, { childList: true, subtree: true });
		})`, nil),
		typeAtEnd("fql", "."),
		completionLabels(&methods),
		chromedp.Evaluate(`window.__shown`, &shownMs, awaitPromise),
		chromedp.KeyEvent(kb.Escape),
		// Ctrl+Space asks for completion where typing did not open it.
		setEditor("fql", "User.where(."),
		typeAtEnd("fql", ""),
		chromedp.KeyEvent(" ", chromedp.KeyModifiers(modCtrl())),
		completionLabels(&fields),
		chromedp.Evaluate(`document.querySelector(".cm-tooltip-autocomplete li .cm-completionDetail")?.textContent || ""`, &info),
	)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"all", "byId", "byEmail", "where", "firstWhere", "create"} {
		if !strings.Contains(" "+methods+" ", " "+want+" ") && !strings.Contains(methods, want) {
			t.Errorf("User. offers %q, want %s among them", methods, want)
		}
	}
	for _, want := range []string{"email", "name", "videos"} {
		if !strings.Contains(fields, want) {
			t.Errorf("User.where(. offers %q, want %s", fields, want)
		}
	}
	if info == "" {
		t.Errorf("completion items carry no signature")
	}
	t.Logf("FIGURE keystroke to completion list shown (User.): %.0f ms", shownMs)
}

func TestFQLHoverShowsTheSignature(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var tip string
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(fmt.Sprintf(`window.playground.setSchema(%s)`, jsString(videoSchema)), nil, awaitPromise),
		setEditor("fql", `User.byEmail("a@b.c")`),
		chromedp.Evaluate(`(() => {
			const v = window.playground.editor("fql");
			const r = v.coordsAtPos(7);
			const el = document.elementFromPoint(r.left + 1, (r.top + r.bottom) / 2);
			for (const type of ["mousemove", "mouseover"]) el.dispatchEvent(new MouseEvent(type, { bubbles: true, clientX: r.left + 1, clientY: (r.top + r.bottom) / 2 }));
		})()`, nil),
		chromedp.Poll(`!!document.querySelector(".cm-tooltip-hover .cm-help-tip")`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Evaluate(`document.querySelector(".cm-tooltip-hover").textContent`, &tip),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(tip, "byEmail") {
		t.Errorf("hover over byEmail: %q", tip)
	}
}

func TestSchemaCompletesDirectivesAndTypes(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var directives, types string
	err := chromedp.Run(ctx,
		open(baseURL),
		setEditor("schema", "type Car { plate: String }\ntype User {\n  name: String "),
		typeAtEnd("schema", "@"),
		completionLabels(&directives),
		chromedp.KeyEvent(kb.Escape),
		setEditor("schema", "type Car { plate: String }\ntype User {\n  car:"),
		typeAtEnd("schema", " C"),
		completionLabels(&types),
	)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"unique", "relation"} {
		if !strings.Contains(directives, want) {
			t.Errorf("@ offers %q, want %s", directives, want)
		}
	}
	if !strings.Contains(types, "Car") {
		t.Errorf("a field's type offers %q, want Car", types)
	}
}

func TestGraphQLCompletesFromTheAPI(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var fields, vars string
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(fmt.Sprintf(`window.playground.setSchema(%s)`, jsString(videoSchema)), nil, awaitPromise),
		chromedp.Click(`.tabs[data-group="query"] [data-tab="graphql"]`),
		chromedp.Sleep(300*time.Millisecond),
		setEditor("graphql", "query($id: ID!) { "),
		typeAtEnd("graphql", "find"),
		completionLabels(&fields),
		chromedp.KeyEvent(kb.Escape),
		setEditor("variables", "{ "),
		typeAtEnd("variables", `"`),
		completionLabels(&vars),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fields, "findUserByID") {
		t.Errorf("GraphQL completion offers %q, want findUserByID", fields)
	}
	if !strings.Contains(vars, `"id"`) {
		t.Errorf("the variables editor offers %q, want \"id\"", vars)
	}
}

// formatted waits for Format to change an editor's text from was:
// GraphQL's printer is loaded on first use, so the text changes a moment
// after the click (the test then compares what it became).
func formatted(editor, was string) chromedp.Action {
	return chromedp.Poll(fmt.Sprintf(`window.playground.editor(%q).state.doc.toString() !== %s`, editor, jsString(was)), nil, chromedp.WithPollingTimeout(10*time.Second))
}

func TestFormat(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var schema, gql, fql string
	err := chromedp.Run(ctx,
		open(baseURL),
		setEditor("schema", "# the users\ntype User {name: String! @unique   email:String}\n# the end\n"),
		chromedp.Click("#format-schema"),
		formatted("schema", "# the users\ntype User {name: String! @unique   email:String}\n# the end\n"),
		chromedp.Evaluate(`window.playground.editor("schema").state.doc.toString()`, &schema),
		chromedp.Click(`.tabs[data-group="query"] [data-tab="graphql"]`),
		setEditor("graphql", "{findUserByID(id:\"1\"){name}}"),
		chromedp.Click("#format-graphql"),
		formatted("graphql", "{findUserByID(id:\"1\"){name}}"),
		chromedp.Evaluate(`window.playground.editor("graphql").state.doc.toString()`, &gql),
		chromedp.Click(`.tabs[data-group="query"] [data-tab="fql"]`),
		setEditor("fql", "let x=1 // one\nx+1"),
		chromedp.Click("#format-fql"),
		chromedp.Poll(`window.playground.editor("fql").state.doc.toString() !== "let x=1 // one\nx+1" || document.querySelector("#status").textContent.startsWith("Not formatted")`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Evaluate(`window.playground.editor("fql").state.doc.toString()`, &fql),
	)
	if err != nil {
		t.Fatal(err)
	}
	if want := "# the users\ntype User {\n  name: String! @unique\n  email: String\n}\n\n# the end\n"; schema != want {
		t.Errorf("formatted schema:\n%q\nwant\n%q", schema, want)
	}
	if want := "{\n  findUserByID(id: \"1\") {\n    name\n  }\n}\n"; gql != want {
		t.Errorf("formatted operation:\n%q\nwant\n%q", gql, want)
	}
	if !strings.Contains(fql, "// one") || !strings.Contains(fql, "let x = 1") {
		t.Errorf("formatted FQL %q: want spacing and the comment kept", fql)
	}
}

// An editor with the focus shows it: a ring around its frame, not clipped.
func TestEditorFocusIsVisible(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var ring string
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Click("#fql-editor .cm-content"),
		chromedp.Evaluate(`(() => {
			const s = getComputedStyle(document.querySelector("#fql-editor"));
			return s.outlineStyle + " " + s.outlineWidth;
		})()`, &ring),
	)
	if err != nil {
		t.Fatal(err)
	}
	if ring != "solid 2px" {
		t.Errorf("the focused editor's frame has outline %q, want solid 2px", ring)
	}
}

// TestGraphQLRunsTheOperationAtTheCursor: a document of several operations
// runs the one the cursor is in (the page sends its operationName).
func TestGraphQLRunsTheOperationAtTheCursor(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	doc := "query Names { findUserByID(id: \"1\") { name } }\nmutation Add { createUser(data: { name: \"Ann\", email: \"ann@x\" }) { name } }\n"
	var first, second string
	runAt := func(offset int, out *string) chromedp.Tasks {
		return chromedp.Tasks{
			chromedp.Evaluate(fmt.Sprintf(`(() => { const v = window.playground.editor("graphql"); v.dispatch({ selection: { anchor: %d } }); })()`, offset), nil),
			chromedp.Evaluate(`document.querySelector("#result-json").textContent = "stale"`, nil),
			chromedp.Click("#run-graphql"),
			chromedp.Poll(`document.querySelector("#result-json").textContent !== "stale"`, nil, chromedp.WithPollingTimeout(20*time.Second)),
			chromedp.Evaluate(`document.querySelector("#result-json").textContent`, out),
		}
	}
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(fmt.Sprintf(`window.playground.setSchema(%s)`, jsString(videoSchema)), nil, awaitPromise),
		chromedp.Click(`.tabs[data-group="query"] [data-tab="graphql"]`),
		setEditor("graphql", doc),
		runAt(strings.Index(doc, "createUser"), &second),
		runAt(3, &first),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(second, `"createUser"`) || !strings.Contains(second, `"Ann"`) {
		t.Errorf("with the cursor in mutation Add: %s", second)
	}
	if !strings.Contains(first, `"findUserByID"`) || strings.Contains(first, "createUser") {
		t.Errorf("with the cursor in query Names: %s", first)
	}
}

// The GraphQL editor's tooling (graphql-js, graphql-language-service,
// cm6-graphql: graphql-tools.js) is fetched after the first result, not
// with the page; once the GraphQL tab is open the editor has cm6-graphql's
// linting of the operation against the API.
func TestGraphQLToolingLoadsAfterTheFirstResult(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	// The page notes the time of its first result as it is written.
	const note = `new MutationObserver((_, o) => {
		if (!document.querySelector("#result-text")?.textContent.includes("New Video")) return;
		o.disconnect();
		window.__firstAt = performance.now();
		window.__atFirst = performance.getEntriesByType("resource").map((r) => r.name.replace(/.*\//, "").replace(/\?.*/, ""));
	}).observe(document, { subtree: true, childList: true, characterData: true });`
	var atFirst []string
	var firstAt, toolsAt float64
	var lint string
	err := chromedp.Run(ctx,
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := page.AddScriptToEvaluateOnNewDocument(note).Do(ctx)
			return err
		}),
		chromedp.Navigate(baseURL),
		waitText("#result-text", "New Video"),
		chromedp.Poll(`window.__atFirst`, &atFirst),
		chromedp.Evaluate(`window.__firstAt`, &firstAt),
		chromedp.Click(`.tabs[data-group="query"] [data-tab="graphql"]`),
		chromedp.Poll(`performance.getEntriesByType("resource").find((r) => /graphql-tools\.js/.test(r.name))?.startTime`, &toolsAt),
		setEditor("graphql", "{ noSuchField }"),
		chromedp.Poll(`document.querySelector("#graphql-editor .cm-lintRange-error")?.className`, &lint, chromedp.WithPollingTimeout(10*time.Second)),
	)
	if err != nil {
		t.Fatal(err)
	}
	if toolsAt < firstAt {
		t.Errorf("the GraphQL tooling was requested at %.0f ms, before the first result (%.0f ms)", toolsAt, firstAt)
	}
	if loaded := strings.Join(atFirst, " "); !strings.Contains(loaded, "app.js") || !strings.Contains(loaded, "lib-") {
		t.Errorf("the page's bundle and its shared chunk should be loaded at the first result: %s", loaded)
	}
	if !strings.Contains(lint, "cm-lintRange-error") {
		t.Errorf("no lint mark on an unknown field once the tooling is loaded: %q", lint)
	}
}
