package httpapi

import (
	"errors"
	"testing"

	fauna "github.com/fauna/fauna-go/v3"
)

// Event streams and feeds through fauna-go, as its own tests use them.

func sourceOf(t *testing.T, c *fauna.Client, q string) fauna.EventSource {
	t.Helper()
	var src fauna.EventSource
	if err := do(t, c, q, nil).Unmarshal(&src); err != nil || src == "" {
		t.Fatalf("%s: %v %q", q, err, src)
	}
	return src
}

func next(t *testing.T, s *fauna.EventStream) fauna.Event {
	t.Helper()
	var ev fauna.Event
	if err := s.Next(&ev); err != nil {
		t.Fatal(err)
	}
	return ev
}

func TestDriverStream(t *testing.T) {
	c := newClient(t)
	stream, err := c.StreamFromQuery(mustFQL(t, `User.where(.name.startsWith("a")).eventSource()`, nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Close()
	if ev := next(t, stream); ev.Type != fauna.StatusEvent || ev.Cursor == "" {
		t.Fatalf("first event: %+v", ev)
	}
	created := do(t, c, `User.create({name: "ann", email: "a@x"})`, nil)
	do(t, c, `User.create({name: "bob", email: "b@x"})`, nil) // not in the set
	do(t, c, `User.where(.email == "a@x").first()!.update({name: "anna"})`, nil)
	left := do(t, c, `User.where(.email == "a@x").first()!.update({name: "zed"})`, nil) // leaves the set
	tests := []struct {
		kind fauna.EventType
		name string
	}{{fauna.AddEvent, "ann"}, {fauna.UpdateEvent, "anna"}, {fauna.RemoveEvent, "anna"}}
	var last fauna.Event
	for _, tt := range tests {
		ev := next(t, stream)
		var u user
		if err := ev.Unmarshal(&u); err != nil || ev.Type != tt.kind || u.Name != tt.name {
			t.Errorf("event %+v (%+v, %v), want %s of %s", ev, u, err, tt.kind, tt.name)
		}
		last = ev
	}
	if last.TxnTime != left.TxnTime {
		t.Errorf("remove at %d, the query answered %d", last.TxnTime, left.TxnTime)
	}

	// A stream resumed at the add's query sees what came after it.
	src := sourceOf(t, c, `User.all().eventSource()`)
	resumed, err := c.Stream(src, fauna.StreamStartTimeUnixMicros(created.TxnTime))
	if err != nil {
		t.Fatal(err)
	}
	defer resumed.Close()
	if ev := next(t, resumed); ev.Type != fauna.StatusEvent || ev.TxnTime < created.TxnTime {
		t.Errorf("status %+v", ev)
	}
	var kinds []fauna.EventType
	for range 3 {
		kinds = append(kinds, next(t, resumed).Type)
	}
	if want := []fauna.EventType{fauna.AddEvent, fauna.UpdateEvent, fauna.UpdateEvent}; !equalKinds(kinds, want) {
		t.Errorf("resumed: %v, want %v", kinds, want)
	}
}

func equalKinds(a, b []fauna.EventType) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestDriverFeed(t *testing.T) {
	c := newClient(t)
	do(t, c, `User.create({name: "before", email: "before@x"})`, nil)
	src := sourceOf(t, c, `User.all().eventsOn(.name)`)
	// With no cursor and no start time: what came after the token.
	feed, err := c.Feed(src, fauna.EventFeedPageSize(4))
	if err != nil {
		t.Fatal(err)
	}
	var page fauna.FeedPage
	if err := feed.Next(&page); err != nil || len(page.Events) != 0 || page.HasNext {
		t.Fatalf("empty feed: %+v %v", page, err)
	}
	do(t, c, `Set.sequence(0, 6).forEach(i => User.create({name: "u#{i}", email: "u#{i}@x"}))`, nil)
	do(t, c, `User.where(.email == "u0@x").first()!.update({email: "new@x"})`, nil) // not .name: no event
	do(t, c, `User.where(.email == "u1@x").first()!.update({name: "renamed"})`, nil)
	do(t, c, `User.where(.email == "u2@x").first()!.delete()`, nil)
	var kinds []fauna.EventType
	var sizes []int
	for {
		if err := feed.Next(&page); err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(page.Events))
		for _, ev := range page.Events {
			kinds = append(kinds, ev.Type)
		}
		if !page.HasNext {
			break
		}
	}
	want := []fauna.EventType{"add", "add", "add", "add", "add", "add", "update", "remove"}
	if !equalKinds(kinds, want) || len(sizes) != 2 || sizes[0] != 4 || sizes[1] != 4 {
		t.Errorf("pages %v: %v, want %v", sizes, kinds, want)
	}
	// From a start time: the whole history since.
	all, err := c.Feed(src, fauna.EventFeedStartTimeUnixMicros(1))
	if err != nil {
		t.Fatal(err)
	}
	if err := all.Next(&page); err != nil || len(page.Events) != 9 || page.Events[0].Type != fauna.AddEvent {
		t.Errorf("from the start: %d events, %v", len(page.Events), err)
	}
}

func TestDriverEventErrors(t *testing.T) {
	c := newClient(t)
	_, err := c.Stream("not-a-token")
	var inv *fauna.ErrInvalidRequest
	if !errors.As(err, &inv) || inv.Code != "invalid_request" {
		t.Errorf("bad token: %T %v", err, err)
	}
	_, err = c.Query(mustFQL(t, `[1, 2].toSet().eventSource()`, nil))
	var rt *fauna.ErrQueryRuntime
	if !errors.As(err, &rt) && !errors.As(err, &inv) {
		t.Errorf("a set of numbers as a source: %T %v", err, err)
	}
	src := sourceOf(t, c, `User.all().eventSource()`)
	feed, _ := c.Feed(src, fauna.EventFeedCursor("garbage"))
	var page fauna.FeedPage
	if err := feed.Next(&page); !errors.As(err, &inv) {
		t.Errorf("bad cursor: %T %v", err, err)
	}
}
