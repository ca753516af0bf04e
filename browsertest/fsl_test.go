//go:build browser

package browsertest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// FSL beside GraphQL SDL: the schema editor tells them apart (or is told),
// says which it read, and the model views show the schema whichever
// language wrote it, also after a query changed it.

const fslVideo = "collection User {\n  name: String\n  email: String\n  unique [.email]\n  compute videos: Set<Video> = (user => Video.where(.author == user))\n}\n\ncollection Video {\n  title: String\n  author: Ref<User>\n}\n"

// langShown reads the language menu: its value, the text of the option
// shown, and the editor's name.
const langShownJS = `(() => {
  const s = document.querySelector("#schema-lang");
  return [s.value, s.selectedOptions[0].textContent, document.querySelector("#schema-editor .cm-content").getAttribute("aria-label")].join(" | ");
})()`

func TestFSLSchemaTypedInTheEditor(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var shown, api, model, index, fn, forced, errs, back, labels string
	withFunction := fslVideo + "\nfunction userByEmail(email: String): User? {\n  User.firstWhere(.email == email)\n}\n"
	err := chromedp.Run(ctx,
		open(baseURL),
		typeInto("#schema-editor", withFunction),
		waitSel(`.collection[data-name="Video"]`),
		waitText("#status", "Schema applied: 2 collections, 1 relation, 1 function"),
		chromedp.Evaluate(`document.querySelector('.function[data-name="userByEmail"]').textContent`, &fn),
		chromedp.Evaluate(langShownJS, &shown),
		chromedp.Evaluate(`document.querySelector("#gql-schema").textContent`, &api),
		chromedp.Evaluate(`[...document.querySelectorAll("#collections .collection")].map(c => c.dataset.name).join(" ") + " / " + document.querySelector("#relations").textContent`, &model),
		chromedp.Evaluate(`document.querySelector('.collection[data-name="User"] .index.constraint').textContent`, &index),
		// GraphQL SDL chosen for FSL text: the SDL parser's error.
		chromedp.SetValue("#schema-lang", "graphql"),
		waitSel("#schema-errors li"),
		chromedp.Evaluate(langShownJS, &forced),
		chromedp.Evaluate(`document.querySelector("#schema-errors").textContent`, &errs),
		// FSL chosen: the collections are back, and the schema editor offers
		// no GraphQL directives.
		chromedp.SetValue("#schema-lang", "fsl"),
		waitSel(`.collection[data-name="Video"]`),
		chromedp.Evaluate(langShownJS, &back),
		chromedp.Click("#format-schema"),
		waitText("#status", "Not formatted: Format knows GraphQL SDL only"),
		typeAtEnd("schema", "collection Tag { label: String @"),
		chromedp.Sleep(600*time.Millisecond), // completion would have opened by now
		chromedp.Evaluate(`[...document.querySelectorAll(".cm-tooltip-autocomplete li")].map(n => n.textContent).join(" ")`, &labels),
	)
	if err != nil {
		t.Fatal(err)
	}
	// The FSL editor's own completion: types after a field's colon, with
	// the schema's collections among them.
	var types string
	if err := chromedp.Run(ctx, setEditor("schema", fslVideo+"collection Tag {\n  owner: "), typeAtEnd("schema", "U"), completionLabels(&types)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(types, "User") {
		t.Errorf("FSL completion after `owner: U`: %q, want the collection User", types)
	}
	if shown != " | Auto · FSL | Schema (FSL)" {
		t.Errorf("the language shown for FSL text: %q", shown)
	}
	if !strings.Contains(api, "An FSL schema has no GraphQL API") {
		t.Errorf("GraphQL API tab for FSL: %q", api)
	}
	if model != "User Video / user_videos one-to-manyUser.videos → Video.author: one-to-many; read the other way, many-to-one.References live in Video (author)." {
		t.Errorf("model: %q", model)
	}
	if index != "unique [.email]constraint" {
		t.Errorf("the unique constraint shows as %q", index)
	}
	if fn != "userByEmail(email: String): Ref<User>?" {
		t.Errorf("the function shows as %q", fn)
	}
	if forced != "graphql | GraphQL SDL | Schema (GraphQL SDL)" {
		t.Errorf("GraphQL SDL chosen: %q", forced)
	}
	if !strings.Contains(errs, "1:1") {
		t.Errorf("FSL read as GraphQL SDL: errors %q, want one at 1:1", errs)
	}
	if back != "fsl | FSL | Schema (FSL)" {
		t.Errorf("FSL chosen: %q", back)
	}
	if strings.Contains(labels, "unique") || strings.Contains(labels, "relation") {
		t.Errorf("the FSL editor offers GraphQL directives: %q", labels)
	}
}

// A query that creates a collection refreshes the model views; a reload
// replays it (the journal keeps it) with the language chosen; a share link
// carries both; Reset data goes back to the schema text's collections.
func TestQueryMadeCollectionIsKept(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	create := `Collection.create({ name: "Tag", fields: { label: { signature: "String" } }, indexes: { byLabel: { terms: [{ field: ".label" }] } } })`
	var text, js, stat, ix, kept, lang, afterReload, tags, link string
	err := chromedp.Run(ctx,
		open(baseURL),
		typeInto("#schema-editor", fslVideo),
		waitSel(`.collection[data-name="Video"]`),
		chromedp.SetValue("#schema-lang", "fsl"),
		settled(),
		runIn("fql", create, &text, &js),
		waitSel(`.collection[data-name="Tag"]`),
		chromedp.Evaluate(`document.querySelector("#status").textContent`, &stat),
		chromedp.Evaluate(`document.querySelector('.collection[data-name="Tag"] .index').textContent`, &ix),
		count(`Tag.create({ label: "new" }).label`, &tags),
		// A comment keeps the database, and the collection the query made.
		typeAtEnd("schema", "// a note"),
		settled(),
		waitText("#status", "the data is kept"),
		chromedp.Evaluate(`document.querySelector("#status").textContent + " / " + [...document.querySelectorAll("#collections .collection")].map(c => c.dataset.name).join(" ")`, &kept),
		reopen(),
		waitSel(`.collection[data-name="Tag"]`),
		chromedp.Evaluate(`document.querySelector("#schema-lang").value`, &lang),
		count(`Tag.byLabel("new").count()`, &afterReload),
		chromedp.Evaluate(`window.playground.share()`, &link, awaitPromise),
	)
	if err != nil {
		t.Fatal(err)
	}
	if stat != "Collection.create changed the schema: 3 collections, 1 relation" {
		t.Errorf("status after Collection.create: %q", stat)
	}
	if ix != "byLabel terms [.label]" {
		t.Errorf("Tag's index: %q", ix)
	}
	if tags != `"new"` || afterReload != "1" {
		t.Errorf("Tag documents: created %s; after the reload %s", tags, afterReload)
	}
	if kept != "Schema applied: 3 collections, 1 relation; the database is the same, the data is kept / Tag User Video" {
		t.Errorf("after a comment in the schema: %q", kept)
	}
	if lang != "fsl" {
		t.Errorf("the language chosen after a reload: %q", lang)
	}

	ctx2, done2 := browser(t)
	defer done2()
	var linkLang, linked, gone string
	err = chromedp.Run(ctx2,
		open(link),
		waitSel(`.collection[data-name="Tag"]`),
		chromedp.Evaluate(`document.querySelector("#schema-lang").value + " " + window.playground.state().schemaLang`, &linkLang),
		count(`Tag.byLabel("new").count()`, &linked),
		chromedp.Click("#reset"),
		waitText("#status", "The data was emptied"),
		chromedp.Poll(`!document.querySelector('.collection[data-name="Tag"]')`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Evaluate(`[...document.querySelectorAll("#collections .collection")].map(c => c.dataset.name).join(" ")`, &gone),
	)
	if err != nil {
		t.Fatal(err)
	}
	if linkLang != "fsl fsl" || linked != "1" {
		t.Errorf("the link: language %q, Tag documents %s", linkLang, linked)
	}
	if gone != "User Video" {
		t.Errorf("after Reset data: %q", gone)
	}
}

// The FSL examples: every query of each runs, and answers what Fauna's
// documentation shows for the same data.
func TestFSLExamples(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	if err := chromedp.Run(ctx, open(baseURL)); err != nil {
		t.Fatal(err)
	}
	for _, ex := range []struct {
		id, title string
		first     string
		more      map[string]string // label → the result, or "error: code"
		model     string
	}{
		{"video-app-fsl", "Video app (FSL)", `{ name: "Jane", videos: { data: [{ title: "New Video" }] } }`, map[string]string{
			"Jane’s videos":                `{ data: [{ title: "New Video", author: { name: "Jane" } }] }`,
			"May Bob see the video?":       `true`,
			"A second Jane (unique email)": `error: constraint_failure`,
			"Add a collection":             `name: "Comment"`,
		}, "Comment Permission User Video"},
		{"products-fsl", "Products: sorted and ranged indexes (FSL)", `{
  data: [
    { name: "pears", price: 150 },
    { name: "limes", price: 299 },
    { name: "avocados", price: 399 }
  ]
}`, map[string]string{
			"From $3.00 up":         `{ data: [{ name: "avocados", price: 399 }, { name: "cherries", price: 549 }] }`,
			"Fruit, dearest first":  `{ name: "cherries", price: 549, inStock: true },`,
			"A category’s products": `products: { data: [{ name: "avocados", stock: 5 }, { name: "onions", stock: 80 }] }`,
			"A default stock":       `{ name: "kiwis", stock: 0, inStock: false }`,
			"A failed check":        "error: constraint_failure",
			"Collection.create":     `name: "Review"`,
			"A review":              `{ data: [{ stars: 4, product: { name: "limes" } }] }`,
		}, "Category Product Review"},
	} {
		var first, labels, model string
		if err := chromedp.Run(ctx,
			chromedp.SetValue("#examples", ex.id),
			waitText("#status", "Loaded the example “"+ex.title),
			chromedp.Evaluate(`document.querySelector("#result-text").textContent`, &first),
			chromedp.Evaluate(`[...document.querySelectorAll("#more button")].map(b => b.textContent).join("|")`, &labels),
		); err != nil {
			t.Fatal(err)
		}
		if first != ex.first {
			t.Errorf("%s: the example's query gave\n%s\nwant\n%s", ex.id, first, ex.first)
		}
		for i, label := range strings.Split(labels, "|") {
			want, ok := ex.more[label]
			if !ok {
				t.Errorf("%s: the query %q has no result to check", ex.id, label)
				continue
			}
			var got string
			if err := chromedp.Run(ctx,
				chromedp.Evaluate(`window.__runs = document.querySelector("#history-count").textContent`, nil),
				chromedp.Click(fmt.Sprintf("#more button:nth-child(%d)", i+1)),
				chromedp.Click("#run-fql"),
				chromedp.Poll(`document.querySelector("#history-count").textContent !== window.__runs`, nil, chromedp.WithPollingTimeout(20*time.Second)),
				chromedp.Evaluate(`document.querySelector("#result-text").textContent`, &got),
			); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(got, want) {
				t.Errorf("%s: %q gave\n%s\nwant it to hold %s", ex.id, label, got, want)
			}
		}
		if err := chromedp.Run(ctx,
			chromedp.Evaluate(`[...document.querySelectorAll("#collections .collection")].map(c => c.dataset.name).join(" ")`, &model),
		); err != nil {
			t.Fatal(err)
		}
		if model != ex.model {
			t.Errorf("%s: collections after its queries: %q, want %q", ex.id, model, ex.model)
		}
	}
}
