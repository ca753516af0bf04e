package value

import (
	"encoding/json"
	"testing"
	"time"
)

func TestTaggedTimeFraction(t *testing.T) {
	base := time.Date(2024, 1, 2, 3, 4, 5, 0, time.FixedZone("X", 3600))
	tests := []struct {
		ns   int
		want string
	}{
		{0, "2024-01-02T02:04:05Z"},
		{120_000_000, "2024-01-02T02:04:05.120Z"}, // not .12Z: fauna-js keeps the string
		{678_901_000, "2024-01-02T02:04:05.678901Z"},
		{1, "2024-01-02T02:04:05.000000001Z"},
	}
	for _, tt := range tests {
		if got := TaggedTime(base.Add(time.Duration(tt.ns))); got != tt.want {
			t.Errorf("%d ns: %s, want %s", tt.ns, got, tt.want)
		}
	}
}

func TestToTaggedScalars(t *testing.T) {
	o := NewObject()
	o.Set("@int", String("x"))
	tests := []struct {
		v    Value
		want string
	}{
		{Int(1), `{"@int":"1"}`},
		{Int(-2147483649), `{"@long":"-2147483649"}`},
		{Double(4), `{"@double":"4.0"}`},
		{Date{time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)}, `{"@date":"2024-01-02"}`},
		{&NullDoc{Coll: "User", ID: "9", Reason: "deleted"}, `{"@ref":{"id":"9","coll":{"@mod":"User"},"exists":false,"cause":"deleted"}}`},
		{o, `{"@object":{"@int":"x"}}`},
		{Array{Null{}, Bool(true)}, `[null,true]`},
	}
	for _, tt := range tests {
		j, err := ToTagged(nil, tt.v)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(j)
		if string(b) != tt.want {
			t.Errorf("%s: %s, want %s", Show(tt.v), b, tt.want)
		}
	}
}
