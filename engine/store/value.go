package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/faunaplay/playground/engine/diag"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The Go types a document field may hold:
//
//	nil, bool, int64, float64, string, time.Time, Date, Ref,
//	[]any (of these), map[string]any (of these)
//
// They are stored as Fauna's tagged JSON ({"@int": "1"}, {"@ref": ...}) so
// that an Int and a Double, a Time and a String, survive the round trip.

// Ref is a reference to a document.
type Ref struct {
	Coll string
	ID   string
}

// Date is a calendar date (no time of day), in UTC.
type Date struct{ time.Time }

// MaxDocumentBytes bounds one document as stored (Fauna's limit is 8 MB).
const MaxDocumentBytes = 8 << 20

func documentTooLarge(n int) *diag.Error {
	return &diag.Error{Code: diag.LimitExceeded, Message: fmt.Sprintf("the document would take more than %d bytes (%d so far); the limit is 8 MiB", MaxDocumentBytes, n)}
}

// encode writes v as tagged JSON; past MaxDocumentBytes it stops with a
// limit_exceeded error.
func encode(b *bytes.Buffer, v any) error {
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		if v {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case int64:
		b.WriteString(`{"@int":"`)
		b.Write(strconv.AppendInt(b.AvailableBuffer(), v, 10))
		b.WriteString(`"}`)
	case int:
		return encode(b, int64(v))
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return &nonFinite{f: v}
		}
		b.WriteString(`{"@double":"`)
		b.Write(strconv.AppendFloat(b.AvailableBuffer(), v, 'g', -1, 64))
		b.WriteString(`"}`)
	case string:
		writeString(b, v)
	case time.Time:
		b.WriteString(`{"@time":"`)
		b.Write(v.UTC().AppendFormat(b.AvailableBuffer(), time.RFC3339Nano))
		b.WriteString(`"}`)
	case Date:
		b.WriteString(`{"@date":"`)
		b.Write(v.UTC().AppendFormat(b.AvailableBuffer(), "2006-01-02"))
		b.WriteString(`"}`)
	case Ref:
		b.WriteString(`{"@ref":{"coll":`)
		writeString(b, v.Coll)
		b.WriteString(`,"id":`)
		writeString(b, v.ID)
		b.WriteString(`}}`)
	case []any:
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := encode(b, e); err != nil {
				return within(err, "["+strconv.Itoa(i)+"]")
			}
			if b.Len() > MaxDocumentBytes {
				return documentTooLarge(b.Len())
			}
		}
		b.WriteByte(']')
	case map[string]any:
		var small [16]string // most documents' fields: no allocation
		keys := small[:0]
		tagged := false
		for k := range v {
			keys = append(keys, k)
			if strings.HasPrefix(k, "@") {
				tagged = true
			}
		}
		slices.Sort(keys)
		return encodeObject(b, keys, tagged, func(i int) any { return v[keys[i]] })
	default:
		return fmt.Errorf("store: cannot store a value of Go type %T", v)
	}
	return nil
}

// encodeFields writes a document's data as encode writes a map.
func encodeFields(b *bytes.Buffer, f *Fields) error {
	if f.Len() == 0 {
		b.WriteString("{}")
		return nil
	}
	return encodeObject(b, f.shape.keys, f.shape.tagged, func(i int) any { return f.vals[i] })
}

// encodeObject writes an object of the sorted keys, the i-th's value
// val(i); tagged when a key starts with "@" (Fauna's @object wraps it).
func encodeObject(b *bytes.Buffer, keys []string, tagged bool, val func(i int) any) error {
	if tagged {
		b.WriteString(`{"@object":`)
	}
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		writeString(b, k)
		b.WriteByte(':')
		if err := encode(b, val(i)); err != nil {
			return within(err, "."+k)
		}
		if b.Len() > MaxDocumentBytes {
			return documentTooLarge(b.Len())
		}
	}
	b.WriteByte('}')
	if tagged {
		b.WriteByte('}')
	}
	return nil
}

// writeString writes s quoted as encoding/json does (its escapes, HTML
// characters and invalid UTF-8 included): plain text is copied, which is
// most of what documents hold, and anything else goes through json.Marshal.
func writeString(b *bytes.Buffer, s string) {
	quotes := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			quotes = true // an index's terms key holds quotes: escaped here
		case c < 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '&':
			q, _ := json.Marshal(s)
			b.Write(q)
			return
		}
	}
	b.WriteByte('"')
	if !quotes {
		b.WriteString(s)
	} else {
		for i := 0; i < len(s); i++ {
			if s[i] == '"' || s[i] == '\\' {
				b.WriteByte('\\')
			}
			b.WriteByte(s[i])
		}
	}
	b.WriteByte('"')
}

// plainText says whether encoding/json quotes s with no escape.
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return true
}

// nonFinite is a NaN or an Infinity, which Fauna's documents cannot hold
// ("Neither infinity nor NaN are allowed", Fauna's data types page): the
// write is refused, never committed as a document no one could encode.
type nonFinite struct {
	f    float64
	path string // where in the document, ".score" or ".scores[2]"
}

func (e *nonFinite) Error() string { return e.diag().Message }

func (e *nonFinite) diag() *diag.Error {
	what := "NaN"
	if math.IsInf(e.f, 1) {
		what = "Infinity"
	} else if math.IsInf(e.f, -1) {
		what = "-Infinity"
	}
	return &diag.Error{Code: diag.InvalidArgument, Message: fmt.Sprintf(
		"the field `%s` is %s, which a document cannot hold: Fauna stores neither NaN nor Infinity", strings.TrimPrefix(e.path, "."), what)}
}

// within prefixes the path of a nonFinite error with the step to it.
func within(err error, step string) error {
	if nf, ok := err.(*nonFinite); ok {
		return &nonFinite{f: nf.f, path: step + nf.path}
	}
	return err
}

// decode turns json.Unmarshal output (with UseNumber) of tagged JSON back
// into the Go types above.
func decode(j any) (any, error) {
	switch j := j.(type) {
	case nil, bool, string:
		return j, nil
	case json.Number:
		// Untagged numbers do not occur in what encode writes; read them
		// the way FQL would.
		if i, err := j.Int64(); err == nil {
			return i, nil
		}
		return j.Float64()
	case []any:
		out := make([]any, len(j))
		for i, e := range j {
			d, err := decode(e)
			if err != nil {
				return nil, err
			}
			out[i] = d
		}
		return out, nil
	case map[string]any:
		if len(j) == 1 {
			for k, v := range j {
				switch k {
				case "@int":
					s, _ := v.(string)
					return strconv.ParseInt(s, 10, 64)
				case "@double":
					s, _ := v.(string)
					return strconv.ParseFloat(s, 64)
				case "@time":
					s, _ := v.(string)
					return time.Parse(time.RFC3339Nano, s)
				case "@date":
					s, _ := v.(string)
					t, err := time.Parse("2006-01-02", s)
					return Date{t}, err
				case "@ref":
					m, _ := v.(map[string]any)
					coll, _ := m["coll"].(string)
					id, _ := m["id"].(string)
					return Ref{Coll: coll, ID: id}, nil
				case "@object":
					m, _ := v.(map[string]any)
					return decodeObject(m)
				}
			}
		}
		return decodeObject(j)
	}
	return nil, fmt.Errorf("store: unexpected JSON %T", j)
}

func decodeObject(m map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(m))
	for k, v := range m {
		d, err := decode(v)
		if err != nil {
			return nil, err
		}
		out[k] = d
	}
	return out, nil
}

// TermKey is the canonical text of a value as an index term: equal FQL
// values (1 and 1.0 among them) give equal keys. Missing and null give "".
func TermKey(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
			return TermKey(int64(v))
		}
	case int:
		return TermKey(int64(v))
	case string:
		if plainText(v) { // what encode writes, without a buffer
			return `"` + v + `"`
		}
	}
	var b bytes.Buffer
	if err := encode(&b, v); err != nil {
		return fmt.Sprintf("!%T", v)
	}
	return b.String()
}
