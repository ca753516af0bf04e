package store

import (
	"encoding/binary"
	"encoding/hex"
	"math"
	"sort"
	"time"
)

// SortKey is v as bytes whose order is FQL's order of values (numbers <
// strings < booleans < dates < times < documents < arrays < objects <
// null), written in hex so it sits in a JSON string, and complemented for
// a descending value. An index with values keeps these in each document's
// "t" object, so ordering its set and reading a range compare strings and
// parse nothing.
func SortKey(v any, desc bool) string {
	b := appendSortKey(nil, v)
	if desc {
		for i := range b {
			b[i] = ^b[i]
		}
	}
	return hex.EncodeToString(b)
}

// The leading byte of each kind; null (and a missing field) sorts last.
const (
	rankNumber = 1 + iota
	rankString
	rankBool
	rankDate
	rankTime
	rankRef
	rankArray
	rankObject
	rankNull
)

func appendSortKey(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, rankNull)
	case int:
		return appendNumber(b, float64(v), int64(v)-int64(float64(v)))
	case int64:
		// The float64 orders Ints and Doubles together; past 2^53 it rounds,
		// and the remainder keeps neighbouring Ints apart.
		return appendNumber(b, float64(v), v-int64(float64(v)))
	case float64:
		return appendNumber(b, v, 0)
	case string:
		return appendString(append(b, rankString), v)
	case bool:
		if v {
			return append(b, rankBool, 1)
		}
		return append(b, rankBool, 0)
	case Date:
		return appendInstant(append(b, rankDate), v.Time)
	case time.Time:
		return appendInstant(append(b, rankTime), v)
	case Ref:
		b = appendString(append(b, rankRef), v.Coll)
		// Ids are decimal strings: the shorter is the smaller.
		return appendString(append(b, byte(len(v.ID))), v.ID)
	case []any:
		b = append(b, rankArray)
		for _, e := range v {
			b = appendSortKey(append(b, 1), e)
		}
		return append(b, 0)
	case map[string]any:
		// FQL orders no two objects apart; keys in order keep equal
		// objects equal.
		b = append(b, rankObject)
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			b = appendSortKey(appendString(append(b, 1), k), v[k])
		}
		return append(b, 0)
	}
	return append(b, rankNull)
}

// appendNumber writes f so that bytes order as numbers do: the sign bit
// flipped for positives, every bit for negatives; NaN after +Infinity.
func appendNumber(b []byte, f float64, rest int64) []byte {
	b = append(b, rankNumber)
	var bits uint64
	switch {
	case f != f:
		bits = math.MaxUint64
	case f == 0:
		bits = 1 << 63 // -0 equals 0
	case f > 0:
		bits = math.Float64bits(f) | 1<<63
	default:
		bits = ^math.Float64bits(f)
	}
	b = binary.BigEndian.AppendUint64(b, bits)
	return binary.BigEndian.AppendUint64(b, uint64(rest)^1<<63)
}

// appendString escapes 0x00 as 00 ff and ends with 00 01, so a string
// sorts before every longer string it begins.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			b = append(b, 0, 0xff)
		} else {
			b = append(b, s[i])
		}
	}
	return append(b, 0, 1)
}

func appendInstant(b []byte, t time.Time) []byte {
	b = binary.BigEndian.AppendUint64(b, uint64(t.Unix())^1<<63)
	return binary.BigEndian.AppendUint32(b, uint32(t.Nanosecond()))
}
