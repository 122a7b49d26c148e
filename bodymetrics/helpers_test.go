package bodymetrics

import "encoding/json"

func equalPtr[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// equalMetrics compares by value, following pointers.
func equalMetrics(a, b Metrics) bool { return show(a) == show(b) }

func show(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
