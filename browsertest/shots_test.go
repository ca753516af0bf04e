//go:build browser

package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestScreenshots writes screenshots of the page in several states, sizes
// and themes to $SHOTS_DIR (skipped without it): for people to look at.
// SHOTS_ONLY (a regexp) picks some of them.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("SHOTS_DIR")
	if dir == "" {
		t.Skip("SHOTS_DIR not set")
	}
	only := regexp.MustCompile(os.Getenv("SHOTS_ONLY"))
	type scene struct {
		name  string
		setup string // JS run after load; may return a promise
		full  bool
	}
	scenes := []scene{
		{name: "first", full: false},
		{name: "first-full", full: true},
		{name: "error", setup: "window.playground.setSchema('type User {\\n  name: Strin\\n  cars: [Car!]\\n}\\n')", full: true},
		{name: "dense", setup: "window.playground.setSchema(" + jsString(denseSchema) + ").then(() => document.querySelector('.tabs[data-group=model] [data-tab=diagram]').click())", full: true},
		{name: "diagram-full", setup: "window.playground.setSchema(" + jsString(denseSchema) + ").then(() => { document.querySelector('#tab-model-diagram').click(); document.querySelector('#diagram-full').click(); return " + waitDrawn + "('#diagram-big'); })", full: false},
		{name: "diagram-tb", setup: "window.playground.setSchema(" + jsString(denseSchema) + ").then(() => { document.querySelector('#tab-model-diagram').click(); const l = document.querySelector('#diagram-layout'); l.value = 'tb'; l.dispatchEvent(new Event('change')); document.querySelector('#diagram-full').click(); return " + waitDrawn + "('#diagram-big'); })", full: false},
		{name: "dialog", setup: "window.playground.setSchema(" + jsString(denseSchema) + ").then(() => { document.querySelector('#tab-model-diagram').click(); document.querySelector('#diagram-full').click(); })", full: false},
		{name: "history", setup: `(async () => { await window.playground.query("Video.all().count()"); await window.playground.query("Video.all().nope()"); await window.playground.graphql("{ findUserByID(id: \"1\") { name } }"); document.querySelector("#history-box").open = true; document.querySelector("#tab-query-fql").click(); })()`, full: false},
		{name: "gql-error", setup: `window.playground.graphql("{\n  findUserByID(id: \"1\") {\n    nam\n  }\n}")`, full: false},
		{name: "long", setup: `window.playground.load({schema: "type Item { n: Int! label: String! }", fql: 'Set.sequence(0, 80).forEach(i => Item.create({ n: i, label: "item number #{i}" }))\nItem.all().paginate(80)'})`, full: true},
	}
	for _, id := range []string{"video-app", "one-to-one", "one-to-many", "many-to-one", "many-to-many", "ambiguous", "ambiguous-fixed", "mutation-create", "mutation-connect", "mutation-disconnect", "video-app-fsl", "products-fsl"} {
		scenes = append(scenes, scene{name: "ex-" + id, full: true,
			setup: fmt.Sprintf(`(async () => { const s = document.querySelector("#examples"); s.value = %q; s.dispatchEvent(new Event("change")); await new Promise(r => setTimeout(r, 1500)); })()`, id)})
		scenes = append(scenes, scene{name: "exd-" + id, full: false,
			setup: fmt.Sprintf(`(async () => { const s = document.querySelector("#examples"); s.value = %q; s.dispatchEvent(new Event("change")); await new Promise(r => setTimeout(r, 1500)); document.querySelector("#tab-model-diagram").click(); })()`, id)})
	}
	sizes := [][2]int64{{1366, 768}, {1920, 1080}, {800, 900}, {1120, 640}}
	for _, sc := range scenes {
		for _, size := range sizes {
			for _, scheme := range []string{"light", "dark"} {
				name := fmt.Sprintf("%s-%dx%d-%s", sc.name, size[0], size[1], scheme)
				if !only.MatchString(name) {
					continue
				}
				t.Run(name, func(t *testing.T) {
					ctx, done := browser(t)
					defer done()
					var png []byte
					tasks := chromedp.Tasks{
						emulation.SetDeviceMetricsOverride(size[0], size[1], 1, false),
						emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}),
						open(baseURL),
					}
					if sc.setup != "" {
						tasks = append(tasks, chromedp.Evaluate(sc.setup, nil, awaitPromise))
					}
					tasks = append(tasks, chromedp.Sleep(300*time.Millisecond))
					if sc.full {
						tasks = append(tasks, chromedp.FullScreenshot(&png, 100))
					} else {
						tasks = append(tasks, chromedp.CaptureScreenshot(&png))
					}
					if err := chromedp.Run(ctx, tasks); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
						t.Fatal(err)
					}
				})
			}
		}
	}
	_ = context.Background
}

// waitDrawn is a JS function: a promise that the diagram in the element a
// selector names is drawn.
const waitDrawn = `((sel) => new Promise((resolve) => { const t = setInterval(() => { if (document.querySelector(sel)?.dataset.state === "drawn") { clearInterval(t); resolve(); } }, 50); }))`

// jsString quotes s as a JavaScript template-free string literal.
func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}
