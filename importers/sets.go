package importers

import "time"

// LogRow is one line of a training log (Strong, Hevy, FitNotes): a set with
// weight and reps, or a distance/time effort that becomes a cardio log.
type LogRow struct {
	Set
	DistanceUnit string
	Distance     float64
	Seconds      float64
}

// EmitLogRow emits the exercise's workout and the set, or a cardio log when
// the line has a distance or a duration and no reps.
func EmitLogRow(r LogRow, emit func(Row) error) error {
	if r.Reps == 0 && r.Weight == 0 && (r.Distance > 0 || r.Seconds > 0) {
		return emit(Cardio("cardio:"+r.Key, r.Line, r.Exercise, r.At, r.Seconds/60, r.Distance, r.DistanceUnit, 0, 0))
	}
	if err := emit(Workout(r.Exercise, r.Line)); err != nil {
		return err
	}
	return emit(r.Set.Row())
}

// EachRow calls fn for each row of t, passing the lines it cannot read to
// problem.
func EachRow(t *Table, problem func(Problem), fn func() error) error {
	for {
		more, p := t.Next()
		if !more {
			return nil
		}
		if p != nil {
			problem(*p)
			continue
		}
		if err := fn(); err != nil {
			return err
		}
	}
}

// Minute is the i-th minute after t: sets of one exercise in a workout get
// distinct, ordered times.
func Minute(t time.Time, i int) time.Time { return t.Add(time.Duration(i) * time.Minute) }
