package value

import (
	"math"
	"strconv"
	"time"

	"github.com/faunaplay/playground/engine/diag"
)

// Null is FQL's null.
type Null struct{}

// Bool is a Boolean.
type Bool bool

// Int is a 64-bit integer.
type Int int64

// Double is a 64-bit float.
type Double float64

// String is a string; its methods live in string.go.
type String string

// Time is an instant, in UTC.
type Time struct{ T time.Time }

// Date is a calendar date.
type Date struct{ T time.Time }

func (Null) Type() string   { return "Null" }
func (Bool) Type() string   { return "Boolean" }
func (Int) Type() string    { return "Int" }
func (Double) Type() string { return "Double" }
func (String) Type() string { return "String" }
func (Time) Type() string   { return "Time" }
func (Date) Type() string   { return "Date" }

// Truthy is false only for false and null (FQL's conditions want booleans;
// the evaluator checks that first).
func Truthy(v Value) bool {
	switch v := v.(type) {
	case Bool:
		return bool(v)
	case Null, nil:
		return false
	case *NullDoc:
		return false
	}
	return true
}

// IsNull reports whether v is null or a reference to a missing document.
func IsNull(v Value) bool {
	switch v.(type) {
	case Null, nil, *NullDoc:
		return true
	}
	return false
}

// AsNumber returns v as a float and whether it is a number.
func AsNumber(v Value) (float64, bool) {
	switch v := v.(type) {
	case Int:
		return float64(v), true
	case Double:
		return float64(v), true
	}
	return 0, false
}

func formatDouble(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case math.IsNaN(f):
		return "NaN"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if f == math.Trunc(f) && !containsAny(s, "e.") {
		s += ".0"
	}
	return s
}

func containsAny(s, chars string) bool {
	for _, c := range chars {
		for _, d := range s {
			if c == d {
				return true
			}
		}
	}
	return false
}

var timeAttrs = map[string]method{
	"year":       {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) { return Int(r.(Time).T.Year()), nil }},
	"month":      {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) { return Int(r.(Time).T.Month()), nil }},
	"dayOfMonth": {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) { return Int(r.(Time).T.Day()), nil }},
	"hour":       {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) { return Int(r.(Time).T.Hour()), nil }},
	"minute":     {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) { return Int(r.(Time).T.Minute()), nil }},
	"second":     {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) { return Int(r.(Time).T.Second()), nil }},
	"dayOfWeek":  {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) { return isoWeekday(r.(Time).T), nil }},
	"dayOfYear":  {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) { return Int(r.(Time).T.YearDay()), nil }},
	"toMicros":   {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) { return Int(r.(Time).T.UnixMicro()), nil }},
	"toMillis":   {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) { return Int(r.(Time).T.UnixMilli()), nil }},
	"toSeconds":  {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) { return Int(r.(Time).T.Unix()), nil }},
	"toString":   {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) { return String(formatTime(r.(Time).T)), nil }},
	"add":        {2, 2, timeAdd(1)},
	"subtract":   {2, 2, timeAdd(-1)},
	"difference": {2, 2, timeDifference},
}

var timeFields = map[string]bool{"year": true, "month": true, "dayOfMonth": true, "dayOfWeek": true, "dayOfYear": true, "hour": true, "minute": true, "second": true}

// isoWeekday is Monday 1 … Sunday 7.
func isoWeekday(t time.Time) Int {
	if d := t.Weekday(); d != time.Sunday {
		return Int(d)
	}
	return 7
}

func (t Time) Attr(ctx Context, name string) (Value, error) {
	m, ok := timeAttrs[name]
	if !ok {
		return nil, nil
	}
	if timeFields[name] {
		return m.fn(ctx, t, nil)
	}
	return bind(name, t, m), nil
}

func unitDuration(ctx Context, unit Value) (time.Duration, error) {
	u, _ := unit.(String)
	switch u {
	case "nanoseconds", "nanosecond":
		return time.Nanosecond, nil
	case "microseconds", "microsecond":
		return time.Microsecond, nil
	case "milliseconds", "millisecond":
		return time.Millisecond, nil
	case "seconds", "second":
		return time.Second, nil
	case "minutes", "minute":
		return time.Minute, nil
	case "hours", "hour":
		return time.Hour, nil
	case "days", "day":
		return 24 * time.Hour, nil
	}
	return 0, diag.Errorf(diag.InvalidUnit, ctx.Pos(), "invalid unit %s: use days, hours, minutes, seconds, milliseconds, microseconds or nanoseconds", Show(unit))
}

func timeAdd(sign int64) func(ctx Context, r Value, args []Value) (Value, error) {
	return func(ctx Context, r Value, args []Value) (Value, error) {
		n, ok := args[0].(Int)
		if !ok {
			return nil, typeError(ctx, "Int", args[0])
		}
		d, err := unitDuration(ctx, args[1])
		if err != nil {
			return nil, err
		}
		if n > Int(math.MaxInt64/int64(d)) || n < -Int(math.MaxInt64/int64(d)) {
			return nil, diag.Errorf(diag.InvalidTime, ctx.Pos(), "adding %d %s is out of the range of Times", n, Show(args[1]))
		}
		return Time{r.(Time).T.Add(time.Duration(sign*int64(n)) * d)}, nil
	}
}

func timeDifference(ctx Context, r Value, args []Value) (Value, error) {
	o, ok := args[0].(Time)
	if !ok {
		return nil, typeError(ctx, "Time", args[0])
	}
	d, err := unitDuration(ctx, args[1])
	if err != nil {
		return nil, err
	}
	return Int(r.(Time).T.Sub(o.T) / d), nil
}

// formatTime writes a Time as Fauna did (Java's Instant): no fraction for
// a whole second, else milliseconds or microseconds, whole groups of three
// digits ("05.120Z", not "05.12Z").
func formatTime(t time.Time) string {
	t = t.UTC()
	switch ns := t.Nanosecond(); {
	case ns == 0:
		return t.Format("2006-01-02T15:04:05Z07:00")
	case ns%1e6 == 0:
		return t.Format("2006-01-02T15:04:05.000Z07:00")
	}
	return t.Format("2006-01-02T15:04:05.000000Z07:00")
}

func formatDate(t time.Time) string { return t.UTC().Format("2006-01-02") }

// dayUnit checks a Date method's unit: Dates count days.
func dayUnit(ctx Context, unit Value) error {
	if u, _ := unit.(String); u == "days" || u == "day" {
		return nil
	}
	return diag.Errorf(diag.InvalidUnit, ctx.Pos(), "invalid unit %s for a Date: use \"days\"", Show(unit))
}

func dateAdd(sign int) func(ctx Context, r Value, a []Value) (Value, error) {
	return func(ctx Context, r Value, a []Value) (Value, error) {
		n, ok := a[0].(Int)
		if !ok {
			return nil, typeError(ctx, "Int", a[0])
		}
		if err := dayUnit(ctx, a[1]); err != nil {
			return nil, err
		}
		if n > 3_000_000 || n < -3_000_000 {
			return nil, diag.Errorf(diag.InvalidDate, ctx.Pos(), "%d days is out of the range of Dates", n)
		}
		return Date{r.(Date).T.AddDate(0, 0, sign*int(n))}, nil
	}
}

var dateAttrs = map[string]method{
	"toString": {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) { return String(formatDate(r.(Date).T)), nil }},
	"add":      {2, 2, dateAdd(1)},
	"subtract": {2, 2, dateAdd(-1)},
	"difference": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
		o, ok := a[0].(Date)
		if !ok {
			return nil, typeError(ctx, "Date", a[0])
		}
		return Int(r.(Date).T.Sub(o.T).Hours() / 24), nil
	}},
}

func (d Date) Attr(ctx Context, name string) (Value, error) {
	switch name {
	case "year":
		return Int(d.T.Year()), nil
	case "month":
		return Int(d.T.Month()), nil
	case "dayOfMonth":
		return Int(d.T.Day()), nil
	case "dayOfWeek":
		return isoWeekday(d.T), nil
	case "dayOfYear":
		return Int(d.T.YearDay()), nil
	}
	if m, ok := dateAttrs[name]; ok {
		return bind(name, d, m), nil
	}
	return nil, nil
}
