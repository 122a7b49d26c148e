package seed_test

import (
	"testing"

	"trackbase/internal/testapp"
	"trackbase/seed"
)

// BenchmarkDummyFull is `seed --full` (2 users, 180 days) on a fresh database.
func BenchmarkDummyFull(b *testing.B) {
	benchmarkSeed(b, seed.Options{Required: true, Dummy: true, Days: 180, Seed: 42})
}

// BenchmarkSyntheticUsers is the load-test generator: 8 synthetic users × 365 days.
func BenchmarkSyntheticUsers(b *testing.B) {
	benchmarkSeed(b, seed.Options{Dummy: true, Days: 365, Users: 8, Seed: 42})
}

func benchmarkSeed(b *testing.B, o seed.Options) {
	rows := 0
	for b.Loop() {
		b.StopTimer()
		app := testapp.New(b)
		b.StartTimer()
		rep, err := seed.Run(app, o)
		if err != nil {
			b.Fatal(err)
		}
		rows = rep.Total()
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
