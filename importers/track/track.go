// Package track reads recorded activities: GPX tracks and TCX activities,
// streamed token by token. Each track (GPX trk) or activity (TCX Activity)
// becomes a cardio log: the kind from the track's type or the activity's
// Sport, the duration from its first to last point (TCX: the laps'
// TotalTimeSeconds), the distance in km from the laps' DistanceMeters or
// else along the points, and the average of the points' heart rates.
package track

import (
	"encoding/xml"
	"math"
	"strconv"
	"strings"
	"time"

	"trackbase/importers"
)

type activity struct {
	kind                    string
	line                    int
	first, last             time.Time
	lat, lon                float64
	hasPos                  bool
	pointKm, lapKm, lapSecs float64
	kcal                    float64
	hrSum                   float64
	hrN                     int
}

func (a *activity) point(t time.Time, lat, lon float64, hasPos bool) {
	if a.first.IsZero() || t.Before(a.first) {
		a.first = t
	}
	if t.After(a.last) {
		a.last = t
	}
	if hasPos {
		if a.hasPos {
			a.pointKm += haversineKm(a.lat, a.lon, lat, lon)
		}
		a.lat, a.lon, a.hasPos = lat, lon, true
	}
}

func (a *activity) row() (importers.Row, bool) {
	minutes := a.last.Sub(a.first).Minutes()
	if a.lapSecs > 0 {
		minutes = a.lapSecs / 60
	}
	km := a.pointKm
	if a.lapKm > 0 {
		km = a.lapKm
	}
	if a.first.IsZero() || minutes <= 0 {
		return importers.Row{}, false
	}
	hr := 0
	if a.hrN > 0 {
		hr = int(math.Round(a.hrSum / float64(a.hrN)))
	}
	kind := a.kind
	if kind == "" {
		kind = "Activity"
	}
	return importers.Cardio("track:"+a.first.UTC().Format(time.RFC3339), a.line, kind, a.first, minutes, km, "km", a.kcal, hr), true
}

// Parse reads a GPX or a TCX file (told apart by the root element).
func Parse(in importers.Input, emit func(importers.Row) error) error {
	var path []string
	var cur *activity
	var lat, lon float64
	var hasPos bool
	var ptTime time.Time
	root := ""
	err := importers.XMLTokens(in.Reader(), func(tok xml.Token, line int) error {
		switch el := tok.(type) {
		case xml.StartElement:
			name := el.Name.Local
			path = append(path, name)
			if root == "" {
				root = name
				if root != "gpx" && root != "TrainingCenterDatabase" {
					return importers.ErrFormat{Why: "neither a GPX nor a TCX file (root element " + root + ")"}
				}
			}
			switch name {
			case "trk":
				cur = &activity{line: line}
			case "Activity":
				cur = &activity{line: line, kind: attr(el, "Sport")}
			case "trkpt", "Trackpoint":
				ptTime, hasPos = time.Time{}, false
				if name == "trkpt" {
					la, err1 := strconv.ParseFloat(attr(el, "lat"), 64)
					lo, err2 := strconv.ParseFloat(attr(el, "lon"), 64)
					lat, lon, hasPos = la, lo, err1 == nil && err2 == nil
				}
			}
		case xml.CharData:
			if cur == nil || len(path) < 2 {
				return nil
			}
			text := strings.TrimSpace(string(el))
			name, parent := path[len(path)-1], path[len(path)-2]
			switch {
			case name == "time" && parent == "trkpt", name == "Time" && parent == "Trackpoint":
				t, err := time.Parse(time.RFC3339, text)
				if err != nil {
					in.Problem(importers.Problem{Line: line, Column: name, Why: "not a time: " + strconv.Quote(text)})
					return nil
				}
				ptTime = t
			case name == "type" && parent == "trk":
				cur.kind = text
			case name == "LatitudeDegrees":
				lat, _ = strconv.ParseFloat(text, 64)
			case name == "LongitudeDegrees":
				lon, _ = strconv.ParseFloat(text, 64)
				hasPos = true
			case name == "hr", name == "Value" && parent == "HeartRateBpm":
				if v, err := strconv.ParseFloat(text, 64); err == nil && v > 0 {
					cur.hrSum += v
					cur.hrN++
				}
			case parent == "Lap" && name == "TotalTimeSeconds":
				v, _ := strconv.ParseFloat(text, 64)
				cur.lapSecs += v
			case parent == "Lap" && name == "DistanceMeters":
				v, _ := strconv.ParseFloat(text, 64)
				cur.lapKm += v / 1000
			case parent == "Lap" && name == "Calories":
				v, _ := strconv.ParseFloat(text, 64)
				cur.kcal += v
			}
		case xml.EndElement:
			name := el.Name.Local
			path = path[:len(path)-1]
			switch name {
			case "trkpt", "Trackpoint":
				if cur != nil && !ptTime.IsZero() {
					cur.point(ptTime, lat, lon, hasPos)
				}
			case "trk", "Activity":
				if cur != nil {
					if r, ok := cur.row(); ok {
						if err := emit(r); err != nil {
							return err
						}
					}
				}
				cur = nil
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if root == "" {
		return importers.ErrFormat{Why: "empty file"}
	}
	return nil
}

func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// haversineKm is the great-circle distance between two points.
func haversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0088
	rad := math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}
