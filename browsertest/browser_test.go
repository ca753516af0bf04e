//go:build browser

// Package browsertest drives the built playground in headless Chromium
// (Debian's chromium) through chromedp, against cmd/serve's handler on
// loopback: the page as a person uses it. Run by `make test-browser`
// after `make build`; PLAYGROUND_DIR names the built folder.
package browsertest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

var baseURL string

func TestMain(m *testing.M) {
	dir := os.Getenv("PLAYGROUND_DIR")
	if dir == "" {
		dir = "../build/playground"
	}
	if _, err := os.Stat(filepath.Join(dir, "engine.wasm")); err != nil {
		fmt.Fprintf(os.Stderr, "no built playground in %s: run `make build` first (make test does)\n", dir)
		os.Exit(1)
	}
	stop, err := startServe(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	stop()
	os.Exit(code)
}

// startServe builds cmd/serve and runs it on a free loopback port over dir:
// the tests see the real server, its headers and its CSP.
func startServe(dir string) (func(), error) {
	tmp, err := os.MkdirTemp("", "serve")
	if err != nil {
		return nil, err
	}
	bin := filepath.Join(tmp, "serve")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/serve").CombinedOutput(); err != nil {
		return nil, fmt.Errorf("building cmd/serve: %v\n%s", err, out)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "-addr", addr, "-dir", dir)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	baseURL = "http://" + addr + "/"
	for i := 0; i < 100; i++ {
		if resp, err := http.Get(baseURL); err == nil {
			resp.Body.Close()
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	return func() { cmd.Process.Kill(); cmd.Wait(); os.RemoveAll(tmp) }, nil
}

// browser starts a fresh headless Chromium (empty profile) for one test;
// extra options (an environment, say) are added to the defaults.
func browser(t *testing.T, extra ...chromedp.ExecAllocatorOption) (context.Context, func()) {
	t.Helper()
	return browserFor(t, 60*time.Second, extra...)
}

// browserFor is browser with the test's actions given limit instead of a
// minute (the page benchmark runs for many).
func browserFor(t *testing.T, limit time.Duration, extra ...chromedp.ExecAllocatorOption) (context.Context, func()) {
	t.Helper()
	chromium := "/usr/bin/chromium"
	if p := os.Getenv("CHROMIUM"); p != "" {
		chromium = p
	}
	// Chromium now and then exits as it starts on a loaded machine
	// ("chrome failed to start", nothing of the page run yet): a start is
	// tried again, with a fresh profile, before the test fails.
	var (
		ctx                    context.Context
		cancelCtx, cancelAlloc context.CancelFunc
		profile                string
	)
	for attempt := 1; ; attempt++ {
		var err error
		ctx, cancelCtx, cancelAlloc, profile, err = startChromium(t, chromium, extra)
		if err == nil {
			break
		}
		cancelCtx()
		cancelAlloc()
		os.RemoveAll(profile)
		if attempt == 3 {
			t.Fatalf("starting %s: %v", chromium, err)
		}
		t.Logf("starting %s (attempt %d): %v", chromium, attempt, err)
		time.Sleep(time.Second)
	}
	tctx, cancelTimeout := context.WithTimeout(ctx, limit)
	return tctx, func() {
		if t.Failed() {
			screenshot(t, ctx)
		}
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
		os.RemoveAll(profile)
	}
}

// startChromium starts one headless Chromium with an empty profile of its
// own and its first tab, logging the page's exceptions and console errors.
func startChromium(t *testing.T, chromium string, extra []chromedp.ExecAllocatorOption) (context.Context, context.CancelFunc, context.CancelFunc, string, error) {
	// Chromium may still write to its profile as it exits: a temp dir of
	// our own, removed best-effort, keeps that from failing the test.
	profile, err := os.MkdirTemp("", "chromium-profile")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1500, 1000),
	)
	opts = append(opts, extra...)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	chromedp.ListenTarget(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			t.Logf("page exception: %s", ev.ExceptionDetails.Error())
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value))
				}
				t.Logf("console error: %s", strings.Join(parts, " "))
			}
		}
	})
	// Start the browser and its tab on ctx, so that the per-test deadline
	// ends the actions, not the tab (which the screenshot needs).
	err = chromedp.Run(ctx)
	return ctx, cancelCtx, cancelAlloc, profile, err
}

func screenshot(t *testing.T, ctx context.Context) {
	var png []byte
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := chromedp.Run(sctx, chromedp.FullScreenshot(&png, 100)); err != nil {
		t.Logf("no screenshot: %v", err)
		return
	}
	_ = os.MkdirAll("../testfailures", 0o755)
	name := filepath.Join("../testfailures", strings.ReplaceAll(t.Name(), "/", "_")+".png")
	if err := os.WriteFile(name, png, 0o644); err == nil {
		t.Logf("screenshot saved to %s", name)
	}
}

// open loads the page and waits until window.playground is ready.
func open(url string) chromedp.Tasks {
	return chromedp.Tasks{
		chromedp.Navigate(url),
		chromedp.WaitVisible("#schema-editor .cm-content"),
		chromedp.Evaluate(`window.playground.ready`, nil, awaitPromise),
	}
}

func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }

// typeInto replaces an editor's text the way a person does: focus it,
// select all with the keyboard, delete, then enter the text through the
// browser's input pipeline (as typing or pasting does; the editor's
// bracket auto-closing would double braces typed key by key).
func typeInto(editor, text string) chromedp.Tasks {
	sel := editor + " .cm-content"
	return chromedp.Tasks{
		chromedp.Click(sel),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(modCtrl())),
		chromedp.KeyEvent(kb.Delete),
		input.InsertText(text),
	}
}

func modCtrl() input.Modifier { return input.ModifierCtrl }

// textOf reads an element's textContent.
func textOf(sel string, out *string) chromedp.Action {
	return chromedp.Text(sel, out, chromedp.NodeReady)
}

// waitText polls until the element's text contains want.
func waitText(sel, want string) chromedp.Action {
	return chromedp.Poll(fmt.Sprintf(`(document.querySelector(%q)?.textContent || "").includes(%q)`, sel, want), nil,
		chromedp.WithPollingTimeout(30*time.Second))
}

func waitSel(sel string) chromedp.Action {
	return chromedp.Poll(fmt.Sprintf(`!!document.querySelector(%q)`, sel), nil, chromedp.WithPollingTimeout(30*time.Second))
}
