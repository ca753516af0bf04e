package store

import "sort"

// KeyOrder is the key under which a stored object keeps the order its
// fields were written in ([]any of strings), which a Go map and the JSON
// encoding forget. It is no field name: FQL refuses keys starting with NUL.
const KeyOrder = "\x00order"

// Keys is m's field names: those m's KeyOrder lists, in that order, then
// any others sorted (a merge adds them, a write without an order has only
// them); KeyOrder itself is left out.
func Keys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	seen := map[string]bool{KeyOrder: true}
	order, _ := m[KeyOrder].([]any)
	for _, k := range order {
		if s, ok := k.(string); ok && !seen[s] {
			if _, present := m[s]; present {
				keys = append(keys, s)
				seen[s] = true
			}
		}
	}
	rest := len(keys)
	for k := range m {
		if !seen[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys[rest:])
	return keys
}
