//go:build browser

package browsertest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The "Run your app against it" note opens from its summary and shows the
// endpoint the page was served from, which answers Fauna's HTTP API, and
// a fauna-js program for it.
func TestRunYourAppNote(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var endpoint, snippet string
	var answer float64
	var visible bool
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(`getComputedStyle(document.querySelector("#app-snippet")).display !== "none" && document.querySelector("#app-box").open`, &visible),
		chromedp.Click(`#app-box summary`),
		waitSel(`#app-box[open]`),
		textOf("#app-endpoint", &endpoint),
		textOf("#app-snippet", &snippet),
		chromedp.Evaluate(`fetch(document.querySelector("#app-endpoint").textContent + "/query/1", {method: "POST",
			headers: {authorization: "Bearer secret"}, body: JSON.stringify({query: "1 + 1"})}).then((r) => r.json()).then((b) => b.data)`, &answer, awaitPromise),
	)
	if err != nil {
		t.Fatal(err)
	}
	if visible {
		t.Errorf("the note is open before its summary is clicked")
	}
	if want := strings.TrimSuffix(baseURL, "/"); endpoint != want {
		t.Errorf("endpoint %q, want %q", endpoint, want)
	}
	if !strings.Contains(snippet, `endpoint: new URL("`+endpoint+`")`) || !strings.Contains(snippet, "fql`User.firstWhere(.email == ${email})`") {
		t.Errorf("snippet:\n%s", snippet)
	}
	if answer != 2 {
		t.Errorf("the endpoint answered 1 + 1 = %v", answer)
	}
}
