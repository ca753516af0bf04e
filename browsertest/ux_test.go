//go:build browser

package browsertest

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// viewport sets the window's size and colour scheme before the page loads.
func viewport(w, h int64, scheme string) chromedp.Tasks {
	return chromedp.Tasks{
		emulation.SetDeviceMetricsOverride(w, h, 1, false),
		emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}),
	}
}

// On a laptop screen the first load shows the example it loaded, its FQL,
// and its result without scrolling: the page fills the window.
func TestFirstLoadFitsTheWindow(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var got map[string]any
	err := chromedp.Run(ctx,
		viewport(1366, 768, "light"),
		open(baseURL),
		waitText("#result-text", "New Video"),
		chromedp.Evaluate(`(() => {
			const r = document.querySelector("#result-text").getBoundingClientRect();
			const run = document.querySelector("#run-fql").getBoundingClientRect();
			return {
				example: document.querySelector("#examples").value,
				tab: document.querySelector('.tabs[data-group="query"] [aria-selected="true"]').dataset.tab,
				resultTop: r.top, resultBottom: r.bottom, runBottom: run.bottom,
				height: innerHeight,
				scrolls: document.scrollingElement.scrollHeight > innerHeight + 1 || document.scrollingElement.scrollWidth > innerWidth + 1,
				stats: document.querySelector("#stats").textContent,
			};
		})()`, &got),
	)
	if err != nil {
		t.Fatal(err)
	}
	if got["example"] != "video-app" {
		t.Errorf("the menu should name the loaded example: %v", got["example"])
	}
	if got["tab"] != "fql" {
		t.Errorf("the video app is about FQL; the query tab shown is %v", got["tab"])
	}
	h := got["height"].(float64)
	if top, bottom := got["resultTop"].(float64), got["resultBottom"].(float64); top >= h-60 || bottom <= top+60 || bottom > h {
		t.Errorf("the result is not in view: top %v, bottom %v, window %v", top, bottom, h)
	}
	if got["runBottom"].(float64) > h {
		t.Errorf("the Run button is below the window")
	}
	if got["scrolls"] == true {
		t.Errorf("the page scrolls at 1366x768; the panes should scroll inside")
	}
	if !strings.Contains(got["stats"].(string), "read ops") {
		t.Errorf("stats: %v", got["stats"])
	}
	// The example's diagram fits its panel, at full size: nothing to scroll.
	var fit map[string]any
	err = chromedp.Run(ctx,
		chromedp.Click("#tab-model-diagram"),
		waitSel(`#diagram[data-state="drawn"] svg .box`),
		chromedp.Evaluate(`(() => { const d = document.querySelector("#diagram"), s = d.querySelector("svg"), vb = s.viewBox.baseVal;
			return { overflow: d.scrollWidth > d.clientWidth + 1 || vb.width < +s.dataset.width - 1 || vb.height < +s.dataset.height - 1,
				scale: s.getBoundingClientRect().width / vb.width }; })()`, &fit),
	)
	if err != nil {
		t.Fatal(err)
	}
	if fit["overflow"] == true || fit["scale"].(float64) < 0.95 {
		t.Errorf("the video app's diagram does not fit its panel at 1366x768: %v", fit)
	}
}

// A narrow window stacks the panes: nothing sticks out sideways.
func TestNarrowWindow(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var got map[string]float64
	err := chromedp.Run(ctx,
		viewport(800, 900, "dark"),
		open(baseURL),
		chromedp.Evaluate(`(() => {
			const right = Math.max(...[...document.querySelectorAll("header *, main *")].map((e) => e.getBoundingClientRect().right));
			const s = document.querySelector("#schema-pane").getBoundingClientRect(), q = document.querySelector("#query-pane").getBoundingClientRect();
			return { scrollWidth: document.scrollingElement.scrollWidth, width: innerWidth, right, schemaBottom: s.bottom, queryTop: q.top };
		})()`, &got),
	)
	if err != nil {
		t.Fatal(err)
	}
	if got["scrollWidth"] > got["width"] || got["right"] > got["width"]+0.5 {
		t.Errorf("something is wider than the window: %v", got)
	}
	if got["queryTop"] < got["schemaBottom"] {
		t.Errorf("the panes are not stacked: %v", got)
	}
}

// Tabs follow the ARIA pattern: they control their panels, arrow keys move
// between them, only the selected one is in the Tab order.
func TestTabsByKeyboard(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var got map[string]any
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Focus(`#tab-model-collections`),
		chromedp.KeyEvent(kb.ArrowRight),
		chromedp.Evaluate(`(() => {
			const a = document.activeElement;
			const panel = document.getElementById(a.getAttribute("aria-controls"));
			return { focused: a.dataset.tab, selected: a.getAttribute("aria-selected"), role: panel.getAttribute("role"),
				labelled: panel.getAttribute("aria-labelledby") === a.id, visible: !panel.hidden && panel.getBoundingClientRect().height > 0,
				others: [...document.querySelectorAll('.tabs[data-group="model"] [role=tab]')].filter((b) => b !== a).map((b) => b.tabIndex + b.getAttribute("aria-selected")) };
		})()`, &got),
	)
	if err != nil {
		t.Fatal(err)
	}
	if got["focused"] != "diagram" || got["selected"] != "true" || got["role"] != "tabpanel" || got["labelled"] != true || got["visible"] != true {
		t.Errorf("ArrowRight from Collections: %v", got)
	}
	for _, o := range got["others"].([]any) {
		if o != "-1false" {
			t.Errorf("an unselected tab is in the Tab order or selected: %v", got["others"])
		}
	}
	var last string
	err = chromedp.Run(ctx,
		chromedp.KeyEvent(kb.End),
		chromedp.Evaluate(`document.activeElement.dataset.tab + " " + document.querySelector("#panel-model-gqlschema").hidden`, &last),
	)
	if err != nil {
		t.Fatal(err)
	}
	if last != "gqlschema false" {
		t.Errorf("End: %q", last)
	}
}

// Every control shows where the keyboard focus is.
func TestFocusIsVisible(t *testing.T) {
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			ctx, done := browser(t)
			defer done()
			var missing []string
			err := chromedp.Run(ctx,
				viewport(1366, 768, scheme),
				open(baseURL),
				chromedp.KeyEvent(kb.Tab), // keyboard modality: focus() now shows :focus-visible
				chromedp.Evaluate(`(() => {
					const out = [];
					const sel = "#examples, #share, #reset, [role=tab], #run-fql, #history-box summary, .skip";
					for (const el of document.querySelectorAll(sel)) {
						if (el.closest("[hidden]")) continue;
						el.focus();
						const cs = getComputedStyle(el);
						if (document.activeElement !== el || cs.outlineStyle === "none" || parseFloat(cs.outlineWidth) < 2) out.push((el.id || el.textContent.trim()) + ": " + cs.outlineStyle + " " + cs.outlineWidth);
					}
					return out;
				})()`, &missing),
			)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range missing {
				t.Errorf("no visible focus: %s", m)
			}
		})
	}
}

// contrastCheck measures the contrast of the page's kinds of text against
// the background they are drawn on (WCAG: 4.5 for normal text).
const contrastCheck = `((sels) => {
	const rgb = (s) => { const m = s.match(/[\d.]+/g).map(Number); return { r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1 }; };
	const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
	const bgOf = (el) => {
		for (let e = el; e; e = e.parentElement) {
			if (e instanceof SVGElement && e.tagName !== "svg") continue;
			const c = rgb(getComputedStyle(e).backgroundColor);
			if (c.a > 0.5) return c;
		}
		return rgb(getComputedStyle(document.body).backgroundColor);
	};
	const out = [];
	for (const s of sels) {
		const el = [...document.querySelectorAll(s)].find((e) => !e.closest("[hidden]"));
		if (!el) { out.push(s + ": not found"); continue; }
		const cs = getComputedStyle(el);
		const fg = rgb(el instanceof SVGElement ? cs.fill : cs.color);
		const bg = bgOf(el);
		const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
		const ratio = (a + 0.05) / (b + 0.05);
		if (ratio < 4.5) out.push(s + ": " + ratio.toFixed(2));
	}
	return out;
})`

var contrastPage = []string{"h1", ".tagline", "#status", "#schema-lang", ".tabs [role=tab][aria-selected=false]", ".tabs [role=tab][aria-selected=true]",
	"#stats", ".collection .type", ".collection h4", ".badge", ".badge.unique", ".field.computed code", ".relation .where",
	"button.primary", "button#share", "footer", "#history-box summary", ".cm-lineNumbers .cm-gutterElement", "#hints li"}
var contrastDiagram = []string{".diagram .relname", ".diagram .card", ".diagram .title", ".diagram .field.computed"}

// Text is readable in both themes.
func TestContrast(t *testing.T) {
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			ctx, done := browser(t)
			defer done()
			var low, low2 []string
			page, _ := json.Marshal(contrastPage)
			diagram, _ := json.Marshal(contrastDiagram)
			err := chromedp.Run(ctx,
				viewport(1366, 768, scheme),
				open(baseURL),
				waitText("#result-text", "New Video"),
				// A scan: the hint shows.
				chromedp.Evaluate(`window.playground.query("Video.where(.title == 'x').count()")`, nil, awaitPromise),
				chromedp.Evaluate(contrastCheck+"("+string(page)+")", &low),
				chromedp.Click(`#tab-model-diagram`),
				waitSel(".diagram .relname"),
				chromedp.Evaluate(contrastCheck+"("+string(diagram)+")", &low2),
			)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range append(low, low2...) {
				t.Errorf("low contrast: %s", l)
			}
		})
	}
}

// Ctrl+Enter runs FQL; the result shows as the shell printed it, as JSON,
// with the ops counted; an error is marked in the editor.
func TestResultTextJSONAndStats(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var text, jsonText, stats, state string
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(`window.playground.setSchema("type Note { text: String! }")`, nil, awaitPromise),
		typeInto("#fql-editor", `Note.create({ text: "hi" }) { text }`),
		chromedp.KeyEvent("\r", chromedp.KeyModifiers(modCtrl())),
		waitText("#result-text", `text: "hi"`),
		textOf("#result-text", &text),
		textOf("#stats", &stats),
		chromedp.Click("#tab-result-json"),
		chromedp.Evaluate(`document.querySelector("#result-json").textContent`, &jsonText),
	)
	if err != nil {
		t.Fatal(err)
	}
	var data map[string]any
	if err := json.Unmarshal([]byte(jsonText), &data); err != nil || data["text"] != "hi" {
		t.Errorf("JSON tab: %q (%v)", jsonText, err)
	}
	if !strings.Contains(stats, "write ops 1") || !strings.Contains(stats, "FQL") {
		t.Errorf("stats: %q", stats)
	}
	err = chromedp.Run(ctx,
		chromedp.Click("#tab-result-text"),
		typeInto("#fql-editor", "Note.create({ text: 1 })"),
		chromedp.KeyEvent("\r", chromedp.KeyModifiers(modCtrl())),
		waitSel("#fql-editor .cm-lintRange-error"),
		chromedp.Evaluate(`document.querySelector("#result-text").dataset.state + " " + document.querySelector("#stats").textContent`, &state),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(state, "error FQL error") {
		t.Errorf("after a failing query: %q", state)
	}
	// A GraphQL error reads as a sentence with its place; JSON keeps the response.
	var gqlText, gqlJSON string
	err = chromedp.Run(ctx,
		chromedp.Evaluate(`window.playground.graphql("{ nope }")`, nil, awaitPromise),
		textOf("#result-text", &gqlText),
		chromedp.Evaluate(`document.querySelector("#result-json").textContent`, &gqlJSON),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(gqlText, "error: ") || !strings.Contains(gqlText, `"nope"`) || !strings.Contains(gqlText, " at 1:3") {
		t.Errorf("GraphQL error as text: %q", gqlText)
	}
	var resp struct{ Errors []map[string]any }
	if err := json.Unmarshal([]byte(gqlJSON), &resp); err != nil || len(resp.Errors) != 1 {
		t.Errorf("GraphQL error as JSON: %q (%v)", gqlJSON, err)
	}
}

// The history lists the runs, newest first; choosing one puts it back in
// its editor.
func TestHistory(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var got map[string]string
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(`(async () => {
			await window.playground.setSchema("type Note { text: String! }");
			await window.playground.query('Note.create({ text: "first" })');
			await window.playground.query('Note.all().count()');
		})()`, nil, awaitPromise),
		chromedp.Click("#history-box summary"),
		chromedp.Click("#history li:nth-child(2) button"),
		chromedp.Evaluate(`({ fql: document.querySelector("#fql-editor .cm-content").textContent,
			newest: document.querySelector("#history li:first-child").textContent,
			focus: String(!!document.activeElement.closest("#fql-editor")) })`, &got),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got["fql"], `"first"`) {
		t.Errorf("the older run did not come back to the editor: %q", got["fql"])
	}
	if !strings.Contains(got["newest"], "count()") || got["focus"] != "true" {
		t.Errorf("history: %v", got)
	}
}

// A schema error in the list takes the cursor to its place in the editor.
func TestSchemaErrorTakesYouThere(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var line string
	err := chromedp.Run(ctx,
		open(baseURL),
		typeInto("#schema-editor", "type User {\n  name: String!\n  age: Strin\n}\n"),
		waitSel("#schema-errors button"),
		chromedp.Click("#schema-errors button"),
		chromedp.Evaluate(`(() => { const v = document.activeElement.closest("#schema-editor") ? document.querySelector("#schema-editor .cm-activeLine").textContent : "not focused"; return v; })()`, &line),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(line, "Strin") {
		t.Errorf("the cursor is on %q", line)
	}
}

// Choosing an example over your own work offers to bring it back.
func TestExampleCanBeUndone(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var schema, menu string
	err := chromedp.Run(ctx,
		open(baseURL),
		typeInto("#schema-editor", "type Mine { x: Int }"),
		waitSel(`.collection[data-name="Mine"]`),
		chromedp.Evaluate(`document.querySelector("#examples").value`, &menu),
		chromedp.SetValue("#examples", "one-to-many"), // fires input and change
		waitText("#status", "Loaded the example “One-to-many"),
		chromedp.SetValue("#examples", "many-to-one"), // from one example to another: the offer stays
		waitText("#status", "Loaded the example “Many-to-one"),
		chromedp.WaitVisible("#undo"),
		chromedp.Click("#undo"),
		waitSel(`.collection[data-name="Mine"]`),
		chromedp.Evaluate(`document.querySelector("#schema-editor .cm-content").textContent`, &schema),
	)
	if err != nil {
		t.Fatal(err)
	}
	if menu != "" {
		t.Errorf("after editing the schema the menu still names %q", menu)
	}
	if !strings.Contains(schema, "type Mine") {
		t.Errorf("schema after undo: %q", schema)
	}
}

// Two quick changes of the menu (as arrow keys make) load the example
// once: its queries do not run twice.
func TestExampleLoadedOnce(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var count string
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(`(() => { const s = document.querySelector("#examples"); s.value = "one-to-many";
			s.dispatchEvent(new Event("change")); s.dispatchEvent(new Event("change")); })()`, nil),
		waitText("#status", "Loaded the example “One-to-many"),
		chromedp.Evaluate(`window.playground.query("Car.all().count()").then(r => String(r.data))`, &count, awaitPromise),
	)
	if err != nil {
		t.Fatal(err)
	}
	if count != "2" {
		t.Errorf("cars after loading the one-to-many example: %s, want 2", count)
	}
}

// The diagram opens full screen in a dialog, and Escape closes it.
func TestDiagramFullScreen(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var boxes int
	var open2 bool
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Click("#tab-model-diagram"),
		waitSel(`#diagram[data-state="drawn"] .relname`),
		chromedp.Click("#diagram-full"),
		waitSel(`#diagram-big[data-state="drawn"] .box`),
		chromedp.Evaluate(`document.querySelector("#diagram-dialog").open ? document.querySelectorAll("#diagram-big .box").length : -1`, &boxes),
		chromedp.KeyEvent(kb.Escape),
		chromedp.Evaluate(`document.querySelector("#diagram-dialog").open`, &open2),
	)
	if err != nil {
		t.Fatal(err)
	}
	if boxes != 3 {
		t.Errorf("boxes in the full-screen diagram: %d, want 3", boxes)
	}
	// Pointing at a relation's name highlights its arrow (and only it).
	var hot string
	err = chromedp.Run(ctx, chromedp.Evaluate(`(() => {
		const name = document.querySelector("#diagram .relname");
		name.dispatchEvent(new PointerEvent("pointerover", { bubbles: true }));
		const arrows = [...document.querySelectorAll("#diagram path.edge.hot")];
		return arrows.length + " " + (arrows[0] ? arrows[0].dataset.rel : "") + " " + name.dataset.rel;
	})()`, &hot))
	if err != nil {
		t.Fatal(err)
	}
	if f := strings.Fields(hot); len(f) != 3 || f[0] != "1" || f[1] != f[2] {
		t.Errorf("highlighted arrows (count, its relation, the name's relation): %q", hot)
	}
	if open2 {
		t.Errorf("Escape did not close the dialog")
	}
}

// The result shown is the last one of the language whose tab is in view.
func TestResultFollowsTheTab(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var got []string
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(`(async () => {
			const out = [];
			const shown = () => document.querySelector("#result-empty").hidden ? document.querySelector("#result-text").textContent : "(empty)";
			await window.playground.setSchema("type Note { text: String! }");
			await window.playground.query('Note.create({ text: "from fql" }).text');
			document.querySelector("#tab-query-graphql").click();
			out.push(shown());
			await window.playground.graphql("{ __typename }");
			out.push(shown());
			document.querySelector("#tab-query-fql").click();
			out.push(shown());
			return out;
		})()`, &got, awaitPromise),
	)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0] != "(empty)" || !strings.Contains(got[1], "__typename") || !strings.Contains(got[2], "from fql") {
		t.Errorf("results by tab: %q", got)
	}
}

// Reset data empties the data and the result, and a reload does not bring
// the data back (nothing left to replay), by the button or the API.
func TestResetIsKeptOverReload(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var before, after, resultHidden string
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(`window.playground.load({schema: "type Note { text: String! }", fql: 'Note.create({ text: "gone" }).text'})`, nil, awaitPromise),
		waitText("#result-text", "gone"),
		chromedp.Click("#reset"),
		waitText("#status", "emptied"),
		chromedp.Evaluate(`String(document.querySelector("#result-text").offsetParent === null) + " " + document.querySelector("#result-empty").hidden`, &resultHidden),
		chromedp.Evaluate(`window.playground.query("Note.all().count()").then(r => String(r.data))`, &before, awaitPromise),
		chromedp.Evaluate(`window.playground.query('Note.create({ text: "again" })').then(() => window.playground.reset())`, nil, awaitPromise),
		chromedp.Sleep(500*time.Millisecond), // the autosave is debounced
		chromedp.Reload(),
		chromedp.WaitVisible("#schema-editor .cm-content"),
		chromedp.Evaluate(`window.playground.ready`, nil, awaitPromise),
		chromedp.Evaluate(`window.playground.query("Note.all().count()").then(r => String(r.data))`, &after, awaitPromise),
	)
	if err != nil {
		t.Fatal(err)
	}
	if resultHidden != "true false" {
		t.Errorf("after Reset data the old result still shows (hidden result, hidden placeholder): %s", resultHidden)
	}
	if before != "0" {
		t.Errorf("notes after Reset data: %s, want 0", before)
	}
	if after != "0" {
		t.Errorf("notes after reset and reload: %s, want 0", after)
	}
}

// Tab indents in an editor, but Escape then Tab moves on: no keyboard trap.
func TestEditorIsNoKeyboardTrap(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var inEditor, after string
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Click("#schema-editor .cm-content"),
		chromedp.KeyEvent(kb.Tab),
		chromedp.Evaluate(`String(!!document.activeElement.closest("#schema-editor"))`, &inEditor),
		chromedp.KeyEvent(kb.Escape),
		chromedp.KeyEvent(kb.Tab),
		chromedp.Evaluate(`document.activeElement.closest("#schema-editor") ? "still in the editor" : (document.activeElement.id || document.activeElement.tagName)`, &after),
	)
	if err != nil {
		t.Fatal(err)
	}
	if inEditor != "true" {
		t.Errorf("Tab should indent, staying in the editor")
	}
	if after == "still in the editor" || after == "BODY" {
		t.Errorf("after Escape, Tab: focus is %s", after)
	}
}

// A model too big to draw usefully says so and points to the list.
func TestDiagramTooBig(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var msg string
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(`(async () => {
			let sdl = "";
			for (let i = 0; i < 150; i++) sdl += "type T" + i + " { name: String! " + (i > 0 ? "prev: T" + (i - 1) : "") + " }\n";
			await window.playground.setSchema(sdl);
		})()`, nil, awaitPromise),
		chromedp.Click("#tab-model-diagram"),
		textOf("#diagram", &msg),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msg, "Too many") || !strings.Contains(msg, "150 collections") {
		t.Errorf("diagram of 150 collections: %q", msg)
	}
}

// A long query shows Cancel; it goes once the query is done.
func TestCancelShowsForLongQueries(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var shown, after bool
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(`window.playground.setSchema("type N { x: Int }")`, nil, awaitPromise),
		// An engine that never answers (its messages are dropped) stands
		// for a long query, on any machine.
		chromedp.Evaluate(`window.__post = Worker.prototype.postMessage; Worker.prototype.postMessage = function () {};
			window.__long = window.playground.query("1 + 1"); 1`, nil),
		chromedp.WaitVisible("#cancel"),
		chromedp.Evaluate(`Worker.prototype.postMessage = window.__post; !document.querySelector("#cancel-bar").hidden`, &shown),
		chromedp.Click("#cancel"),
		chromedp.Evaluate(`window.__long.then(() => !document.querySelector("#cancel-bar").hidden)`, &after, awaitPromise),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !shown || after {
		t.Errorf("Cancel shown while running: %v; still shown after: %v", shown, after)
	}
}

// The video app offers its further queries; one goes into the FQL editor.
// Another schema takes the offer away.
func TestExampleMoreQueries(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var n int
	var fql string
	var hidden bool
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(`document.querySelectorAll("#more button").length`, &n),
		chromedp.Click("#more button"),
		chromedp.Evaluate(`document.querySelector("#fql-editor .cm-content").textContent`, &fql),
		typeInto("#schema-editor", "type Other { x: Int }"),
		waitSel(`.collection[data-name="Other"]`),
		chromedp.Evaluate(`document.querySelector("#more-box").hidden`, &hidden),
	)
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 || !strings.Contains(fql, "Video.where(.author == user)") {
		t.Errorf("more queries: %d buttons; the first put %q in the editor", n, fql)
	}
	if !hidden {
		t.Errorf("the video app's queries are still offered for another schema")
	}
}
