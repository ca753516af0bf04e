package eval

import (
	"math/big"
	"testing"

	"github.com/faunaplay/playground/engine/fql/syntax"
	"github.com/faunaplay/playground/engine/fql/value"
)

// intPow's checked products against math/big's exact powers: the same
// value where it fits in 64 bits, an error exactly where it does not.
func TestIntPowAgainstBig(t *testing.T) {
	n := &syntax.Binary{}
	bases := []int64{-1 << 32, -3037000500, -3037000499, -65536, -1 << 31}
	for x := int64(-70); x <= 70; x++ {
		bases = append(bases, x)
	}
	bases = append(bases, 1<<31, 65536, 3037000499, 3037000500, 1<<32)
	for _, x := range bases {
		for y := int64(0); y <= 66; y++ {
			exact := new(big.Int).Exp(big.NewInt(x), big.NewInt(y), nil)
			got, err := intPow(n, value.Int(x), value.Int(y))
			if !exact.IsInt64() {
				if err == nil {
					t.Errorf("%d ** %d = %v, want an overflow", x, y, got)
				}
				continue
			}
			if err != nil || got != value.Int(exact.Int64()) {
				t.Errorf("%d ** %d = %v, %v; want %s", x, y, got, err, exact)
			}
		}
	}
}
