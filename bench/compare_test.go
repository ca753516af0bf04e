//go:build unix

package bench

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	compare = flag.Bool("compare", false, "run the engine-against-SQLite table (make bench)")
	rounds  = flag.Int("rounds", 5, "rounds of the table; each runs every workload on both sides")
	target  = flag.Duration("target", 300*time.Millisecond, "CPU time each measurement runs for at least")
	only    = flag.String("only", "", "run only the workloads whose key matches this regular expression (count, ordertake, 'freshcreate|update'…)")
	heapOut = flag.String("heapprofile", "", "write a heap profile here once the engine's data is loaded (go tool pprof -sample_index=inuse_space)")
)

// cpu is the process's CPU time so far (user and system, every thread:
// the garbage collector's work is the engine's cost too). CPU time, not
// wall time, because the machine is shared: another process's load
// lengthens the wall clock but not this.
func cpu() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measure runs w on s until target CPU time is spent and returns the CPU
// time per run. Runs that need an empty database are reset one by one
// outside the timing; others run in batches that grow, so the clock is
// read rarely.
func measure(s side, w *workload, target time.Duration) (time.Duration, error) {
	var spent time.Duration
	ops, batch := 0, 1
	for spent < target {
		if w.empty {
			batch = 1
			if err := s.reset(w); err != nil {
				return 0, err
			}
		}
		t0 := cpu()
		for range batch {
			if _, err := s.run(w); err != nil {
				return 0, err
			}
		}
		spent += cpu() - t0
		ops += batch
		if per := spent / time.Duration(ops); per > 0 {
			batch = max(1, min(batch*10, int((target-spent)/per)+1))
		} else {
			batch *= 10
		}
	}
	return spent / time.Duration(ops), nil
}

// TestCompare prints the table of issue #9: for each workload the median
// CPU time per run on the engine and on SQLite, and their ratio. The two
// sides alternate workload by workload, and which goes first alternates
// by round, so both see the same load on a shared machine.
func TestCompare(t *testing.T) {
	if !*compare {
		t.Skip("make bench runs it (-compare)")
	}
	heap0 := heapInUse()
	es, ids, err := loadEngine(full)
	if err != nil {
		t.Fatal(err)
	}
	heapEngine := heapInUse() - heap0
	if *heapOut != "" {
		writeHeapProfile(t, *heapOut)
	}
	ss, err := loadSQLite(full)
	if err != nil {
		t.Fatal(err)
	}
	defer ss.close()
	var pages, pageSize int64
	ss.db.QueryRow(`PRAGMA page_count`).Scan(&pages)
	ss.db.QueryRow(`PRAGMA page_size`).Scan(&pageSize)

	ws := workloads(full, ids)
	times := make([][2][]time.Duration, len(ws))
	picked, err := regexp.Compile(*only)
	if err != nil {
		t.Fatalf("-only: %v", err)
	}
	for r := range *rounds {
		for i, w := range ws {
			if !picked.MatchString(w.key) {
				continue
			}
			order := []int{0, 1}
			if r%2 == 1 {
				order = []int{1, 0}
			}
			for _, k := range order {
				s := []side{es, ss}[k]
				d, err := measure(s, w, *target)
				if err == nil {
					err = s.undo(w)
				}
				if err != nil {
					t.Fatalf("%s: %v", w.name, err)
				}
				times[i][k] = append(times[i][k], d)
			}
		}
		fmt.Fprintf(os.Stderr, "round %d of %d done\n", r+1, *rounds)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\nCPU time per run, median of %d rounds (%s, %d CPUs):\n\n", *rounds, runtime.Version(), runtime.NumCPU())
	b.WriteString("| workload | engine | SQLite | ratio |\n| --- | ---: | ---: | ---: |\n")
	var ratios []float64
	for i, w := range ws {
		if len(times[i][0]) == 0 {
			continue
		}
		e, s := median(times[i][0]), median(times[i][1])
		ratio := float64(e) / float64(s)
		ratios = append(ratios, ratio)
		fmt.Fprintf(&b, "| %s | %s | %s | %s× |\n", w.name, dur(e), dur(s), ratioText(ratio))
	}
	slices.Sort(ratios)
	if len(ratios) > 0 { // -only may pick none: the load and the memory alone
		fmt.Fprintf(&b, "\nmedian ratio %s×, worst %s×\n", ratioText(ratios[len(ratios)/2]), ratioText(ratios[len(ratios)-1]))
	}
	heapAfter := heapInUse() - heap0 // both sides' Go heap: modernc's pages are not in it
	runtime.KeepAlive(es)
	fmt.Fprintf(&b, "memory after loading: engine heap %.1f MB, SQLite pages %.1f MB; Go heap after the rounds %.1f MB\n",
		float64(heapEngine)/1e6, float64(pages*pageSize)/1e6, float64(heapAfter)/1e6)
	fmt.Print(b.String())
}

func writeHeapProfile(t *testing.T, path string) {
	runtime.GC()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		t.Fatal(err)
	}
}

func heapInUse() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func ratioText(r float64) string {
	if r < 10 {
		return fmt.Sprintf("%.1f", r)
	}
	return fmt.Sprintf("%.0f", r)
}

func dur(d time.Duration) string {
	switch {
	case d < time.Microsecond:
		return fmt.Sprintf("%d ns", d.Nanoseconds())
	case d < time.Millisecond:
		return fmt.Sprintf("%.3g µs", float64(d.Nanoseconds())/1e3)
	case d < time.Second:
		return fmt.Sprintf("%.3g ms", float64(d.Nanoseconds())/1e6)
	}
	return fmt.Sprintf("%.3g s", d.Seconds())
}

// loaded is the full data, loaded once for the Benchmark functions.
var loaded = sync.OnceValues(func() ([2]side, error) {
	es, ids, err := loadEngine(full)
	if err != nil {
		return [2]side{}, err
	}
	loadedIDs = ids
	ss, err := loadSQLite(full)
	return [2]side{es, ss}, err
})

var loadedIDs engineIDs

// BenchmarkEngine and BenchmarkSQLite are the workloads one at a time,
// for profiles: go test -run '^$' -bench 'Engine/count$' -cpuprofile
// cpu.out ./bench
func BenchmarkEngine(b *testing.B) { benchSide(b, 0) }
func BenchmarkSQLite(b *testing.B) { benchSide(b, 1) }

func benchSide(b *testing.B, k int) {
	sides, err := loaded()
	if err != nil {
		b.Fatal(err)
	}
	for _, w := range workloads(full, loadedIDs) {
		b.Run(w.key, func(b *testing.B) {
			for range b.N {
				if w.empty {
					b.StopTimer()
					if err := sides[k].reset(w); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
				}
				if _, err := sides[k].run(w); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
