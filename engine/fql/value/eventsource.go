package value

import (
	"encoding/binary"
	"encoding/hex"
	"math/rand/v2"
	"strconv"
	"sync"
	"time"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/store"
)

// EventSource is what set.eventSource() and set.eventsOn(...) return: a
// set of documents whose changes an event stream or feed reports (the
// HTTP API's /stream/1 and /feed/1). It travels as its Token, which names
// it in the process's table of sources until maxSources newer ones push it
// out: the set keeps the closures of the query that made it.
type EventSource struct {
	Token string
	Set   Set
	// Fields, from eventsOn, are the field readers (.title) whose values
	// an update must change to be reported; none: every update.
	Fields []Value
	// Since is the store time of the transaction that made it: with no
	// cursor and no start time, a stream reports what came after.
	Since time.Time
}

func (*EventSource) Type() string { return "EventSource" }

// maxSources bounds the table of event sources.
const maxSources = 10_000

var sources = struct {
	sync.Mutex
	byToken map[string]*EventSource
	order   []string
	n       uint64
	prefix  string
}{byToken: map[string]*EventSource{}, prefix: randomPrefix()}

// randomPrefix keeps a token of an earlier process from naming a source
// of this one. math/rand/v2's generator is seeded afresh in each process,
// which is all this needs (crypto/rand would add about 100 KB of
// cryptography to the wasm).
func randomPrefix() string {
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], rand.Uint32())
	return hex.EncodeToString(b[:])
}

func newEventSource(ctx Context, s Set, fields []Value) (*EventSource, error) {
	if err := eventSet(ctx, s); err != nil {
		return nil, err
	}
	for _, f := range fields {
		if _, ok := f.(Callable); !ok {
			return nil, argError(ctx, "eventsOn takes field readers such as .title, got %s", TypeName(f))
		}
	}
	sources.Lock()
	defer sources.Unlock()
	sources.n++
	es := &EventSource{Token: "es" + sources.prefix + strconv.FormatUint(sources.n, 36), Set: s, Fields: fields, Since: ctx.Tx().TS()}
	sources.byToken[es.Token] = es
	sources.order = append(sources.order, es.Token)
	if len(sources.order) > maxSources {
		delete(sources.byToken, sources.order[0])
		sources.order = sources.order[1:]
	}
	return es, nil
}

// LookupEventSource finds the source a token names.
func LookupEventSource(token string) (*EventSource, bool) {
	sources.Lock()
	defer sources.Unlock()
	es, ok := sources.byToken[token]
	return es, ok
}

// eventSet checks that s is a set of one collection's documents whose
// membership can be decided for a document alone: the collection, one of
// its indexes, where() or map() (a projection) of those.
func eventSet(ctx Context, s Value) error {
	switch x := s.(type) {
	case *DocSet:
		if len(x.Range.From) > 0 || len(x.Range.To) > 0 {
			return argError(ctx, "an index read with a range cannot be an event source; filter with where() instead")
		}
		return nil
	case *FilterSet:
		return eventSet(ctx, x.Src)
	case *MapSet:
		return eventSet(ctx, x.Src)
	case *SizedSet:
		return eventSet(ctx, x.Src)
	}
	return argError(ctx, "only a collection's documents can be an event source: all(), an index, where() or map() of those, not %s", TypeName(s))
}

// inSource says whether d belongs to the source's set, and the value the set
// yields for it (the document, or what map() makes of it).
func inSource(ctx Context, s Value, d *store.Doc) (bool, Value, error) {
	if d == nil {
		return false, nil, nil
	}
	switch x := s.(type) {
	case *DocSet:
		if d.Coll != x.Coll {
			return false, nil, nil
		}
		if x.Index != "" {
			c := ctx.Tx().Collection(x.Coll)
			if c == nil || !store.InIndex(c, x.Index, x.Terms, d.Data) {
				return false, nil, nil
			}
		}
		return true, NewDocument(ctx, d), nil
	case *FilterSet:
		ok, v, err := inSource(ctx, x.Src, d)
		if err != nil || !ok {
			return false, nil, err
		}
		keep, err := callBool(ctx, x.Pred, v)
		return keep, v, err
	case *MapSet:
		ok, v, err := inSource(ctx, x.Src, d)
		if err != nil || !ok {
			return false, nil, err
		}
		v, err = Call(ctx, x.Fn, v)
		return err == nil, v, err
	case *SizedSet:
		return inSource(ctx, x.Src, d)
	}
	return false, nil, diag.Errorf(diag.InternalError, ctx.Pos(), "an event source over %s", TypeName(s))
}

// Event is what a change is to the source: "add" (it entered the set),
// "update" (it changed in the set, in one of Fields if any), "remove" (it
// left the set; the value is the document as it was), or "" (nothing).
func (es *EventSource) Event(ctx Context, ch store.Change) (string, Value, error) {
	was, old, err := inSource(ctx, es.Set, ch.Before)
	if err != nil {
		return "", nil, err
	}
	is, cur, err := inSource(ctx, es.Set, ch.After)
	if err != nil {
		return "", nil, err
	}
	switch {
	case was && is:
		if len(es.Fields) > 0 {
			changed, err := es.fieldsDiffer(ctx, ch)
			if err != nil || !changed {
				return "", nil, err
			}
		}
		return "update", cur, nil
	case is:
		return "add", cur, nil
	case was:
		return "remove", old, nil
	}
	return "", nil, nil
}

// fieldsDiffer says whether a field of Fields differs between the change's
// two versions.
func (es *EventSource) fieldsDiffer(ctx Context, ch store.Change) (bool, error) {
	before, after := NewDocument(ctx, ch.Before), NewDocument(ctx, ch.After)
	for _, f := range es.Fields {
		a, err := Call(ctx, f, before)
		if err != nil {
			return false, err
		}
		b, err := Call(ctx, f, after)
		if err != nil {
			return false, err
		}
		if same, err := EqualWork(ctx, a, b); err != nil || !same {
			return err == nil, err
		}
	}
	return false, nil
}

func init() {
	setMethods["eventSource"] = method{0, 0, func(ctx Context, r Value, _ []Value) (Value, error) {
		return newEventSource(ctx, r.(Set), nil)
	}}
	setMethods["eventsOn"] = method{1, -1, func(ctx Context, r Value, a []Value) (Value, error) {
		return newEventSource(ctx, r.(Set), a)
	}}
}

func init() {
	setDocs["eventSource"] = doc{"eventSource() => EventSource", "An event source over the set's documents: a stream or feed of the HTTP API reports their adds, updates and removes."}
	setDocs["eventsOn"] = doc{"eventsOn(...fields: (A => Any)) => EventSource", "An event source whose updates are reported only when one of the fields (.title) changed."}
}
