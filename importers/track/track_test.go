package track_test

import (
	"testing"
	"time"

	"trackbase/importers/importertest"
	"trackbase/importers/track"
)

const gpx = `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="Apple Health Export" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
  <trk>
    <name>Route 2019-06-11 3:00pm</name>
    <type>running</type>
    <trkseg>
      <trkpt lon="0" lat="0"><ele>4.0</ele><time>2019-06-11T22:00:00Z</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>140</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>
      <trkpt lon="0" lat="0.009"><time>2019-06-11T22:06:00Z</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>150</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>
      <trkpt lon="0" lat="0.018"><time>2019-06-11T22:12:30Z</time><extensions><speed>0.18</speed></extensions></trkpt>
    </trkseg>
  </trk>
</gpx>`

func TestGPX(t *testing.T) {
	rows, problems, err := importertest.Parse(t, track.Parse, gpx, time.UTC, "kg")
	if err != nil || len(problems) > 0 || len(rows) != 1 {
		t.Fatal(err, problems, rows)
	}
	// 0.018° of latitude is 2 × 1.00075 km; 12.5 minutes; hr (140 + 150) / 2
	f := rows[0].Fields
	if f["cardio_type"] != "running" || f["duration"] != 12.5 || f["distance"] != 2.002 || f["distance_unit"] != "km" || f["heart_rate"] != 145 ||
		f["date_time"].(time.Time).Format(time.RFC3339) != "2019-06-11T22:00:00Z" {
		t.Errorf("%+v", f)
	}
}

const tcx = `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">
  <Activities>
    <Activity Sport="Other">
      <Id>2022-07-16T16:08:25.000Z</Id>
      <Lap StartTime="2022-07-16T16:08:25.000Z">
        <TotalTimeSeconds>600</TotalTimeSeconds>
        <DistanceMeters>1000.0</DistanceMeters>
        <Calories>80</Calories>
        <AverageHeartRateBpm><Value>88</Value></AverageHeartRateBpm>
        <Track>
          <Trackpoint><Time>2022-07-16T16:08:25.000Z</Time><DistanceMeters>0.75</DistanceMeters><HeartRateBpm><Value>88</Value></HeartRateBpm>
            <Extensions><ns3:TPX><ns3:Speed>1.2</ns3:Speed></ns3:TPX></Extensions></Trackpoint>
        </Track>
      </Lap>
      <Lap StartTime="2022-07-16T16:18:25.000Z">
        <TotalTimeSeconds>300</TotalTimeSeconds>
        <DistanceMeters>500.0</DistanceMeters>
        <Calories>40</Calories>
        <Track>
          <Trackpoint><Time>2022-07-16T16:20:00.000Z</Time><HeartRateBpm><Value>92</Value></HeartRateBpm></Trackpoint>
          <Trackpoint><Time>yesterday</Time></Trackpoint>
        </Track>
      </Lap>
    </Activity>
  </Activities>
</TrainingCenterDatabase>`

func TestTCX(t *testing.T) {
	rows, problems, err := importertest.Parse(t, track.Parse, tcx, time.UTC, "kg")
	if err != nil || len(rows) != 1 {
		t.Fatal(err, rows)
	}
	// laps: 600 + 300 s, 1000 + 500 m, 80 + 40 kcal; points' heart rate (88 + 92) / 2
	f := rows[0].Fields
	if f["cardio_type"] != "Other" || f["duration"] != 15.0 || f["distance"] != 1.5 || f["calories_burned"] != 120.0 || f["heart_rate"] != 90 {
		t.Errorf("%+v", f)
	}
	if len(problems) != 1 || problems[0].Line != 22 || problems[0].Column != "Time" {
		t.Errorf("problems %v", problems)
	}
}

func TestNeither(t *testing.T) {
	if _, _, err := importertest.Parse(t, track.Parse, "<HealthData/>", time.UTC, "kg"); err == nil {
		t.Error("an Apple Health export read as a track")
	}
}

func TestSamples(t *testing.T) { importertest.Samples(t, track.Parse, "gpx_tcx", 1) }
