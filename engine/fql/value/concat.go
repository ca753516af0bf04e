package value

import (
	"strconv"
	"strings"
)

// ConcatText is the text a value contributes when it is added to a String
// (`"1, 2, " + 3`): a String as it is, an Array as its elements' texts in
// brackets, anything else as its one-line FQL text. Fauna's "Learn FQL"
// page shows `"Hello " + ["world", "!"]` as "Hello [world, !]".
func ConcatText(v Value) string {
	switch x := v.(type) {
	case String:
		return string(x)
	case Int: // "user #{i}": the common case, without a render
		return strconv.FormatInt(int64(x), 10)
	case Array:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = ConcatText(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return Show(v)
}
