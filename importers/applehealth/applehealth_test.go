package applehealth_test

import (
	"testing"
	"time"

	"trackbase/collections"
	"trackbase/importers/applehealth"
	"trackbase/importers/importertest"
)

const export = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!ELEMENT HealthData (ExportDate,Me,(Record|Workout)*)>
]>
<HealthData locale="en_GB">
 <ExportDate value="2025-06-01 10:00:00 +0100"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth=""/>
 <Record type="HKQuantityTypeIdentifierBodyMass" sourceName="Zepp Life" unit="kg" startDate="2025-04-18 22:38:45 +0100" endDate="2025-04-18 22:38:45 +0100" value="68.5"/>
 <Record type="HKQuantityTypeIdentifierStepCount" sourceName="iPhone" device="&lt;&lt;HKDevice: 0x533ad2350&gt;, name:iPhone&gt;" unit="count" startDate="2025-05-28 09:00:00 +0100" endDate="2025-05-28 09:10:00 +0100" value="1000"/>
 <Record type="HKQuantityTypeIdentifierStepCount" sourceName="iPhone" unit="count" startDate="2025-05-28 18:00:00 +0100" endDate="2025-05-28 18:10:00 +0100" value="500"/>
 <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Watch" unit="count" startDate="2025-05-28 09:00:00 +0100" endDate="2025-05-28 09:10:00 +0100" value="1200"/>
 <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" unit="count/min" startDate="2025-05-28 09:00:00 +0100" endDate="2025-05-28 09:00:00 +0100" value="88">
  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>
 </Record>
 <Record type="HKQuantityTypeIdentifierRestingHeartRate" sourceName="Watch" unit="count/min" startDate="2025-05-28 07:00:00 +0100" endDate="2025-05-28 07:00:00 +0100" value="54"/>
 <Record type="HKQuantityTypeIdentifierBloodGlucose" sourceName="Health" unit="mmol&lt;180.1558800000541&gt;/L" startDate="2025-05-18 12:30:00 +0100" endDate="2025-05-18 12:30:00 +0100" value="4.59"/>
 <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Watch" startDate="2025-04-27 23:05:00 +0100" endDate="2025-04-28 01:05:00 +0100" value="HKCategoryValueSleepAnalysisAsleepCore"/>
 <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Watch" startDate="2025-04-28 01:05:00 +0100" endDate="2025-04-28 02:35:00 +0100" value="HKCategoryValueSleepAnalysisAsleepDeep"/>
 <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Watch" startDate="2025-04-28 02:35:00 +0100" endDate="2025-04-28 07:30:00 +0100" value="HKCategoryValueSleepAnalysisInBed"/>
 <Record type="HKQuantityTypeIdentifierBodyMass" sourceName="Scale" unit="kg" startDate="yesterday" endDate="" value="70"/>
 <Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="88.5" durationUnit="min" sourceName="Watch" startDate="2025-05-08 17:26:15 +0100" endDate="2025-05-08 18:54:45 +0100">
  <WorkoutEvent type="HKWorkoutEventTypeSegment" date="2025-05-08 17:26:15 +0100"/>
  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" average="92.5" minimum="65" maximum="125" unit="count/min"/>
  <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" sum="342.5" unit="Cal"/>
  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" sum="5.234" unit="km"/>
 </Workout>
</HealthData>`

func TestExport(t *testing.T) {
	rows, problems, err := importertest.Parse(t, applehealth.Parse, export, time.UTC, "lb")
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || problems[0].Line != 20 || problems[0].Column != "startDate" {
		t.Errorf("problems %v", problems)
	}
	w := importertest.Of(rows, collections.WeightLogs)
	if len(w) != 1 || w[0].Fields["weight"] != 68.5 || w[0].Fields["weight_unit"] != "kg" ||
		w[0].Fields["date_time"].(time.Time).UTC().Format(time.DateTime) != "2025-04-18 21:38:45" {
		t.Errorf("weight %+v", w)
	}
	// the phone counted 1500, the watch 1200 of the same walk: 1500
	if s := importertest.Of(rows, collections.StepsLogs); len(s) != 1 || s[0].Fields["steps"] != 1500 {
		t.Errorf("steps %+v", s)
	}
	if h := importertest.Of(rows, collections.HealthMetricsLogs); len(h) != 1 || h[0].Fields["resting_heart_rate"] != 54 || h[0].Fields["date"] != "2025-05-28" {
		t.Errorf("resting heart rate %+v", h)
	}
	if g := importertest.Of(rows, "blood_glucose_logs"); len(g) != 1 || g[0].Fields["value"] != 4.59 || g[0].Fields["unit"] != "mmol/L" {
		t.Errorf("glucose %+v", g)
	}
	// in bed 22:05Z, up 06:30Z; 120 min core (light), 90 min deep
	s := importertest.Of(rows, collections.SleepLogs)
	if len(s) != 1 || s[0].Fields["date"] != "2025-04-28" || s[0].Fields["time_went_to_bed"] != "22:05" || s[0].Fields["time_got_out_of_bed"] != "06:30" ||
		s[0].Fields["time_in_light_sleep"] != 120 || s[0].Fields["time_in_deep_sleep"] != 90 {
		t.Errorf("sleep %+v", s)
	}
	c := importertest.Of(rows, collections.CardioLogs)
	if len(c) != 1 || c[0].Fields["cardio_type"] != "Walking" || c[0].Fields["duration"] != 88.5 || c[0].Fields["distance"] != 5.234 ||
		c[0].Fields["calories_burned"] != 343.0 || c[0].Fields["heart_rate"] != 93 {
		t.Errorf("cardio %+v", c)
	}
}

func TestNotAnExport(t *testing.T) {
	if _, _, err := importertest.Parse(t, applehealth.Parse, "<gpx></gpx>", time.UTC, "kg"); err == nil {
		t.Error("a GPX file read as an Apple Health export")
	}
}

func TestSamples(t *testing.T) { importertest.Samples(t, applehealth.Parse, "apple_health", 3) }
