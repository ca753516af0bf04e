//go:build browser

package browsertest

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// openDiagram loads a schema and shows its diagram, drawn.
func openDiagram(schema string) chromedp.Tasks {
	return chromedp.Tasks{
		open(baseURL),
		chromedp.Evaluate("window.playground.setSchema("+jsString(schema)+")", nil, awaitPromise),
		chromedp.Click("#tab-model-diagram"),
		waitSel(`#diagram[data-state="drawn"] svg .box`),
	}
}

// view reads the diagram's view: the viewBox, the zoom, the drawing's size,
// where the SVG is on screen, and the smallest text on screen (its height
// as drawn, and its font size times the zoom).
const viewJS = `((sel) => {
	const s = document.querySelector(sel), vb = s.viewBox.baseVal, r = s.getBoundingClientRect();
	let minH = Infinity, minPx = Infinity;
	for (const t of s.querySelectorAll("text")) {
		const sr = t.getBoundingClientRect(), bb = t.getBBox();
		if (!bb.height) continue;
		minH = Math.min(minH, sr.height);
		minPx = Math.min(minPx, parseFloat(getComputedStyle(t).fontSize) * sr.height / bb.height);
	}
	return { x: vb.x, y: vb.y, w: vb.width, h: vb.height, k: +s.dataset.zoom, W: +s.dataset.width, H: +s.dataset.height,
		left: r.left, top: r.top, sw: r.width, sh: r.height, minH, minPx };
})`

type view struct{ X, Y, W, H, K, DW, DH, Left, Top, SW, SH, MinH, MinPx float64 }

func readView(sel string, v *view) chromedp.Action {
	return chromedp.ActionFunc(func(ctx2 context.Context) error {
		var m map[string]float64
		if err := chromedp.Evaluate(viewJS+"("+jsString(sel)+")", &m).Do(ctx2); err != nil {
			return err
		}
		*v = view{m["x"], m["y"], m["w"], m["h"], m["k"], m["W"], m["H"], m["left"], m["top"], m["sw"], m["sh"], m["minH"], m["minPx"]}
		return nil
	})
}

// The dense model in its panel at 1400x900: legible at the default zoom
// (panned, not shrunk); the wheel zooms about the pointer, a drag pans, Fit
// shows it all, the keys and buttons zoom; full screen still opens it.
func TestDiagramZoomAndPan(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var v0, v1, v2, v3, v4, v5 view
	err := chromedp.Run(ctx, viewport(1400, 900, "light"), openDiagram(denseSchema), readView("#diagram svg", &v0))
	if err != nil {
		t.Fatal(err)
	}
	if v0.MinPx < 10.95 || v0.MinH < 11 {
		t.Errorf("smallest text on screen at the default zoom: font %.1f px, drawn %.1f px high; want at least 11", v0.MinPx, v0.MinH)
	}
	if v0.DW <= v0.W {
		t.Fatalf("the dense model (%.0f wide) fits the panel (%.0f): it should not at a legible size", v0.DW, v0.W)
	}
	// The wheel over the middle zooms in there: the drawing's point under
	// the pointer stays under it.
	cx, cy := v0.Left+v0.SW/2, v0.Top+v0.SH/2
	before := [2]float64{v0.X + (cx-v0.Left)/v0.K, v0.Y + (cy-v0.Top)/v0.K}
	err = chromedp.Run(ctx,
		chromedp.MouseEvent(input.MouseMoved, cx, cy),
		input.DispatchMouseEvent(input.MouseWheel, cx, cy).WithDeltaX(0).WithDeltaY(-240),
		readView("#diagram svg", &v1),
	)
	if err != nil {
		t.Fatal(err)
	}
	after := [2]float64{v1.X + (cx-v1.Left)/v1.K, v1.Y + (cy-v1.Top)/v1.K}
	if v1.K <= v0.K*1.1 {
		t.Errorf("wheel up: zoom %.2f -> %.2f, want larger", v0.K, v1.K)
	}
	if math.Abs(after[0]-before[0]) > 1 || math.Abs(after[1]-before[1]) > 1 {
		t.Errorf("wheel zoom moved the point under the pointer: %v -> %v", before, after)
	}
	// A drag to the upper left shows what lies to the lower right.
	err = chromedp.Run(ctx,
		chromedp.MouseEvent(input.MousePressed, cx, cy, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.MouseMoved, cx-120, cy-60, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.MouseMoved, cx-200, cy-100, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.MouseReleased, cx-200, cy-100, chromedp.ButtonLeft),
		readView("#diagram svg", &v2),
	)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs((v2.X-v1.X)*v1.K-200) > 2 || math.Abs((v2.Y-v1.Y)*v1.K-100) > 2 {
		t.Errorf("a drag of (-200, -100) px moved the view by (%.1f, %.1f) px", (v2.X-v1.X)*v1.K, (v2.Y-v1.Y)*v1.K)
	}
	// Fit: every box on screen inside the view.
	var outside []string
	err = chromedp.Run(ctx,
		chromedp.Click(`[data-panel="diagram"] .diagram-tools button[title^="Fit"]`),
		readView("#diagram svg", &v3),
		chromedp.Evaluate(`(() => { const r = document.querySelector("#diagram svg").getBoundingClientRect();
			return [...document.querySelectorAll("#diagram .box")].filter((b) => { const q = b.getBoundingClientRect();
				return q.left < r.left - 0.5 || q.right > r.right + 0.5 || q.top < r.top - 0.5 || q.bottom > r.bottom + 0.5; }).map((b) => b.dataset.name); })()`, &outside),
	)
	if err != nil {
		t.Fatal(err)
	}
	if len(outside) > 0 || v3.W < v3.DW-1 || v3.H < v3.DH-1 {
		t.Errorf("after Fit: boxes outside the view %v; view %.0fx%.0f of a %.0fx%.0f drawing", outside, v3.W, v3.H, v3.DW, v3.DH)
	}
	// The keys: + zooms in, 1 is actual size; the − button zooms out.
	err = chromedp.Run(ctx,
		chromedp.Focus("#diagram"),
		chromedp.KeyEvent("+"),
		readView("#diagram svg", &v4),
		chromedp.KeyEvent("1"),
		chromedp.Click(`[data-panel="diagram"] .diagram-tools button[title^="Zoom out"]`),
		readView("#diagram svg", &v5),
	)
	if err != nil {
		t.Fatal(err)
	}
	if v4.K <= v3.K*1.1 {
		t.Errorf("key +: zoom %.2f -> %.2f", v3.K, v4.K)
	}
	if math.Abs(v5.K-0.8) > 0.01 {
		t.Errorf("key 1 then the − button: zoom %.2f, want 0.8", v5.K)
	}
	// Away to Collections and back, and drawn again for the same model (as
	// a resize of the window does): the view stays where it was.
	var v6 view
	err = chromedp.Run(ctx,
		chromedp.Click("#tab-model-collections"),
		chromedp.Click("#tab-model-diagram"),
		chromedp.Evaluate(`document.querySelector("#diagram-layout").dispatchEvent(new Event("change"))`, nil),
		waitSel(`#diagram[data-state="drawn"] svg .box`),
		readView("#diagram svg", &v6),
	)
	if err != nil {
		t.Fatal(err)
	}
	if v6.K != v5.K || math.Abs(v6.X-v5.X) > 0.5 || math.Abs(v6.Y-v5.Y) > 0.5 {
		t.Errorf("the view after another tab and a redraw: %+v, was %+v", v6, v5)
	}
	// Full screen: the same diagram, legible, in the dialog.
	var big view
	err = chromedp.Run(ctx,
		chromedp.Click("#diagram-full"),
		waitSel(`#diagram-big[data-state="drawn"] svg .box`),
		readView("#diagram-big svg", &big),
	)
	if err != nil {
		t.Fatal(err)
	}
	if big.MinPx < 10.95 || big.SW < 1000 {
		t.Errorf("full screen: smallest text %.1f px, view %.0f px wide", big.MinPx, big.SW)
	}
}

// embeddedSchema: an @embedded type held by two collections (once in a
// list), one nested in another, and one no collection holds.
const embeddedSchema = `type Address @embedded {
  street: String!
  city: String
  geo: Geo
}

type Geo @embedded {
  lat: Float
  lng: Float
}

type User {
  name: String!
  home: Address
  work: [Address]
}

type Shop {
  addr: Address!
  owner: User
}

type Unused @embedded {
  note: String
}
`

// @embedded types show within their parents: nested under the field in
// Collections, inside the parent's box in the diagram; one no collection
// holds is shown on its own.
func TestEmbeddedTypesAreShown(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var got map[string]any
	var problems []string
	err := chromedp.Run(ctx,
		viewport(1400, 900, "light"),
		open(baseURL),
		chromedp.Evaluate("window.playground.setSchema("+jsString(embeddedSchema)+")", nil, awaitPromise),
		chromedp.Evaluate(`(() => {
			const q = (s) => document.querySelector(s);
			const nested = (c, f) => [...document.querySelectorAll('.collection[data-name="' + c + '"] > .fields > li[data-name="' + f + '"] > ul.embedded > li')].map((li) => li.dataset.name).join(",");
			return {
				home: nested("User", "home"), work: nested("User", "work"), addr: nested("Shop", "addr"),
				geo: [...document.querySelectorAll('.collection[data-name="User"] li[data-name="home"] li[data-name="geo"] > ul.embedded > li')].map((li) => li.dataset.name).join(","),
				unused: (q('.collection.embedded[data-name="Unused"]') || {}).textContent || "",
				separateAddress: !!q('.collection[data-name="Address"]'),
			};
		})()`, &got),
		chromedp.Click("#tab-model-diagram"),
		waitSel(`#diagram[data-state="drawn"] svg .box`),
		chromedp.Evaluate(diagramCheck, &problems),
	)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"home": "street,city,geo", "work": "street,city,geo", "addr": "street,city,geo", "geo": "lat,lng", "separateAddress": false}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("Collections, %s: %v, want %v", k, got[k], w)
		}
	}
	if u := got["unused"].(string); !strings.Contains(u, "Unused") || !strings.Contains(u, "note") {
		t.Errorf("Collections, the embedded type no collection holds: %q", u)
	}
	for _, p := range problems {
		t.Errorf("diagram: %s", p)
	}
	var boxes map[string]string
	err = chromedp.Run(ctx, chromedp.Evaluate(`Object.fromEntries([...document.querySelectorAll("#diagram .box")].map((b) =>
		[b.dataset.name, [...b.querySelectorAll("rect.embedded-block")].map((r) => r.dataset.embedded).join(",") + " | " + [...b.querySelectorAll("text")].map((x) => x.textContent).join("; ")]))`, &boxes))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string][]string{
		"User":   {"Address,Geo,Address,Geo |", "home: Address; street: String!; city: String; geo: Geo; lat: Float; lng: Float; work: [Address]; street: String!"},
		"Shop":   {"Address,Geo |", "addr: Address!; street: String!"},
		"Unused": {"(embedded)", "note: String"},
	} {
		for _, w := range want {
			if !strings.Contains(boxes[name], w) {
				t.Errorf("diagram box %s: %q, want it to contain %q", name, boxes[name], w)
			}
		}
	}
	if _, ok := boxes["Address"]; ok {
		t.Errorf("Address, held by collections, has a box of its own: %v", boxes)
	}
}

// The diagram measures the text it draws: with other fonts (fontconfig
// made to answer a serif face, DejaVu Serif or another one the machine
// has, proportional and wide, for monospace and sans-serif) nothing
// overlaps either. The test first checks that the font did change.
func TestDiagramHoldsWithOtherFonts(t *testing.T) {
	conf := filepath.Join(t.TempDir(), "fonts.conf")
	alias := func(generic string) string {
		return `<match target="pattern"><test qual="any" name="family"><string>` + generic + `</string></test>` +
			`<edit name="family" mode="prepend" binding="strong"><string>DejaVu Serif</string><string>Liberation Serif</string>` +
			`<string>Noto Serif</string><string>FreeSerif</string><string>serif</string></edit></match>`
	}
	xml := `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>` +
		`<include ignore_missing="yes">/etc/fonts/fonts.conf</include>` + alias("monospace") + alias("sans-serif") + `</fontconfig>`
	if err := os.WriteFile(conf, []byte(xml), 0o644); err != nil {
		t.Fatal(err)
	}
	width := func(ctx context.Context) float64 {
		var w float64
		if err := chromedp.Run(ctx, openDiagram(cyclicSchema),
			chromedp.Evaluate(`document.querySelector('#diagram .box[data-name="Person"] .title').getBBox().width`, &w)); err != nil {
			t.Fatal(err)
		}
		return w
	}
	ctx0, done0 := browser(t)
	plain := width(ctx0)
	done0()
	ctx, done := browser(t, chromedp.Env("FONTCONFIG_FILE="+conf))
	defer done()
	other := width(ctx)
	if math.Abs(other-plain) < 0.5 {
		t.Fatalf("the title's width is %.1f px with both font set-ups: the fonts did not change", plain)
	}
	t.Logf("the title Person: %.1f px wide with the machine's fonts, %.1f px with the serif", plain, other)
	checkDiagrams(t, ctx)
	// And wider still: the page's own style spaces the diagram's letters.
	ctx2, done2 := browser(t, chromedp.Env("FONTCONFIG_FILE="+conf))
	defer done2()
	const style = `document.addEventListener("DOMContentLoaded", () => { const s = document.createElement("style");
		s.textContent = ".diagram svg { letter-spacing: 0.15em; }"; document.head.append(s); })`
	if err := chromedp.Run(ctx2, chromedp.ActionFunc(func(c context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(style).Do(c)
		return err
	})); err != nil {
		t.Fatal(err)
	}
	if spaced := width(ctx2); spaced < other*1.2 {
		t.Fatalf("the title with spaced letters: %.1f px, want well over %.1f", spaced, other)
	}
	checkDiagrams(t, ctx2)
}

// The layout's code (its chunk and ELK's worker) loads when a diagram is
// first shown, not with the page.
func TestDiagramLoadsOnFirstUse(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	const loaded = `performance.getEntriesByType("resource").map((r) => r.name).filter((n) => /elk-worker|diagram-layout|chunk/.test(n)).map((n) => n.replace(/.*\//, "").replace(/\?.*/, "")).sort().join(" ")`
	var before, after string
	err := chromedp.Run(ctx,
		open(baseURL),
		waitText("#result-text", "New Video"),
		chromedp.Evaluate(loaded, &before),
		chromedp.Click("#tab-model-diagram"),
		waitSel(`#diagram[data-state="drawn"] svg .box`),
		chromedp.Evaluate(loaded, &after),
	)
	if err != nil {
		t.Fatal(err)
	}
	if before != "" {
		t.Errorf("loaded with the page: %q", before)
	}
	if after != "diagram-layout.js elk-worker.min.js" {
		t.Errorf("loaded when the diagram is shown: %q", after)
	}
}

// In a narrow window (one column, the page scrolls) the diagram's view is
// as tall as its box, not the 150 px of an SVG without a set height.
func TestDiagramInNarrowWindow(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var v view
	var stage float64
	err := chromedp.Run(ctx, viewport(800, 900, "light"), openDiagram(denseSchema), readView("#diagram svg", &v),
		chromedp.Evaluate(`document.querySelector("#diagram .diagram-stage").clientHeight`, &stage))
	if err != nil {
		t.Fatal(err)
	}
	if v.SH < 400 || math.Abs(v.SH-stage) > 3 {
		t.Errorf("the view is %.0f px tall in a stage of %.0f px", v.SH, stage)
	}
	if v.MinPx < 10.95 {
		t.Errorf("smallest text %.1f px", v.MinPx)
	}
	// Here the page scrolls: the wheel over the diagram scrolls the page
	// (no trap), Ctrl with the wheel zooms, and the line below says so.
	var v1, v2 view
	var y0 float64
	var note string
	cx, cy := v.Left+v.SW/2, v.Top+v.SH/2
	err = chromedp.Run(ctx,
		chromedp.Evaluate(`scrollY`, &y0),
		input.DispatchMouseEvent(input.MouseWheel, cx, cy).WithDeltaX(0).WithDeltaY(200),
		chromedp.Poll(fmt.Sprintf(`scrollY > %f`, y0), nil, chromedp.WithPollingTimeout(5*time.Second)),
		readView("#diagram svg", &v1),
		textOf("#diagram .diagram-note", &note),
	)
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Run(ctx,
		input.DispatchMouseEvent(input.MouseWheel, v1.Left+v1.SW/2, v1.Top+v1.SH/4).WithDeltaX(0).WithDeltaY(-200).WithModifiers(input.ModifierCtrl),
		readView("#diagram svg", &v2),
	)
	if err != nil {
		t.Fatal(err)
	}
	if v1.K != v.K {
		t.Errorf("the wheel zoomed (%.2f -> %.2f) where the page scrolls", v.K, v1.K)
	}
	if v2.K <= v1.K*1.1 {
		t.Errorf("Ctrl + wheel: zoom %.2f -> %.2f, want larger", v1.K, v2.K)
	}
	if !strings.Contains(note, "Ctrl/⌘ + wheel") {
		t.Errorf("the line below the narrow diagram: %q", note)
	}
}
