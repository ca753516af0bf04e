package engine

import (
	"testing"
	"time"

	"github.com/faunaplay/playground/engine/fql/eval"
	"github.com/faunaplay/playground/engine/fql/value"
)

func TestRunBindsValues(t *testing.T) {
	e := New()
	e.SetSchema("type User { name: String! }")
	bind := func(vars map[string]value.Value) func(value.Context) (map[string]value.Value, error) {
		return func(value.Context) (map[string]value.Value, error) { return vars, nil }
	}
	tests := []struct {
		name string
		req  Request
		data any
		code string
	}{
		{"a value is a value", Request{Src: "x.length", Args: bind(map[string]value.Value{"x": value.String(`"; abort(1); "`)})}, int64(14), ""},
		{"names shadow globals", Request{Src: "User + 1", Args: bind(map[string]value.Value{"User": value.Int(1)})}, int64(2), ""},
		{"past deadline", Request{Src: "1", Deadline: time.Now().Add(-time.Second)}, nil, eval.CodeTimeOut},
		{"deadline stops work", Request{Src: `User.create({name: "a"}); Set.sequence(0, 100000000).forEach(x => x)`, Deadline: time.Now().Add(20 * time.Millisecond)}, nil, eval.CodeTimeOut},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := e.Run(tt.req)
			if tt.code != "" {
				if res.Error == nil || res.Error.Code != tt.code {
					t.Fatalf("error %v, want %s", res.Error, tt.code)
				}
				return
			}
			if res.Error != nil || res.Data != tt.data {
				t.Fatalf("got %v %v, want %v", res.Data, res.Error, tt.data)
			}
		})
	}
	if n := e.Query("User.all().count()").Data; n != int64(0) {
		t.Errorf("a query stopped at its deadline kept its writes: %v users", n)
	}
}

// Render sees the value given to abort(), inside the transaction, and
// nothing the query wrote stays.
func TestRunRendersAbortValue(t *testing.T) {
	e := New()
	e.SetSchema("type User { name: String! }")
	var got any
	var aborted bool
	res := e.Run(Request{Src: `abort(User.create({name: "a"}))`, Render: func(ctx value.Context, v value.Value, isAbort bool) error {
		var err error
		got, err = value.ToTagged(ctx, v)
		aborted = isAbort
		return err
	}})
	if res.Error == nil || res.Error.Code != "abort" || !aborted || got == nil {
		t.Fatalf("error %v, aborted %v, value %v", res.Error, aborted, got)
	}
	if n := e.Query("User.all().count()").Data; n != int64(0) {
		t.Errorf("an aborted query kept its writes: %v users", n)
	}
}
