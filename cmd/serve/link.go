package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/faunaplay/playground/engine"
	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/sharelink"
)

// newEngine is the HTTP API's database: empty, with the schema of file, or
// with the whole state of a share link (its schema, and the data its runs
// wrote, replayed). notes say what was done, for the log.
func newEngine(file, link string) (e *engine.Engine, notes []string, err error) {
	e = engine.New()
	switch {
	case file != "" && link != "":
		return nil, nil, fmt.Errorf("give -schema or -link, not both: a link holds its schema")
	case file != "":
		sdl, err := os.ReadFile(file)
		if err != nil {
			return nil, nil, err
		}
		if err := setSchema(e, string(sdl), "", file); err != nil {
			return nil, nil, err
		}
		return e, []string{"the schema of " + file}, nil
	case link != "":
		st, err := sharelink.Decode(link)
		if err != nil {
			return nil, nil, fmt.Errorf("-link: %w", err)
		}
		if err := setSchema(e, st.Schema, st.SchemaLang, "the link's schema"); err != nil {
			return nil, nil, err
		}
		return e, replayLink(e, st), nil
	}
	return e, nil, nil
}

// setSchema sets the schema in lang ("graphql", "fsl", or "" to tell by
// the text).
func setSchema(e *engine.Engine, sdl, lang, what string) error {
	if r := e.SetSchemaAs(sdl, lang); len(r.Errors) > 0 {
		return fmt.Errorf("%s has errors: %s", what, r.Errors[0].Format(sdl))
	}
	return nil
}

// maxRunNotes bounds the runs named one by one in the log.
const maxRunNotes = 10

// replayLink replays the link's runs as the page does when it opens the
// link: in order, each its own transaction; a run that no longer applies
// writes nothing, is named, and the others go on.
func replayLink(e *engine.Engine, st *sharelink.State) []string {
	var outcomes []engine.RunOutcome
	for len(outcomes) < len(st.Runs) {
		outcomes = append(outcomes, e.Replay(st.Runs[len(outcomes):], time.Minute).Outcomes...)
	}
	failed := 0
	var notes []string
	for i, o := range outcomes {
		if o.OK {
			continue
		}
		failed++
		if failed <= maxRunNotes {
			at := ""
			if o.Line > 0 {
				at = fmt.Sprintf(" at %d:%d", o.Line, o.Column)
			}
			notes = append(notes, fmt.Sprintf("run %d of %d no longer applies (%s%s): %s", i+1, len(outcomes), o.Code, at, diag.Clip(o.Message)))
		}
	}
	if failed > maxRunNotes {
		notes = append(notes, fmt.Sprintf("and %d more runs that no longer apply", failed-maxRunNotes))
	}
	summary := fmt.Sprintf("the link's schema and %d of its %s replayed", len(outcomes)-failed, plural(len(outcomes), "run", "runs"))
	for _, p := range st.Problems {
		notes = append(notes, "the link was read without some parts: "+p)
	}
	return append([]string{summary}, notes...)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// linkNote is the log line for what the database was started with.
func linkNote(notes []string) string {
	if len(notes) == 0 {
		return "an empty database"
	}
	return strings.Join(notes, "; ")
}
