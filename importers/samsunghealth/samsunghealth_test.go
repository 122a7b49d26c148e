package samsunghealth_test

import (
	"testing"
	"time"

	"trackbase/collections"
	"trackbase/importers/importertest"
	"trackbase/importers/samsunghealth"
)

func TestWeight(t *testing.T) {
	// BOM, a metadata line, trailing commas, UTC+0530 offsets, rows unsorted
	text := "\ufeffcom.samsung.health.weight,6307003,12\n" +
		"body_fat_mass,start_time,height,weight,time_offset,\n" +
		",2021-03-01 07:00:00.000,182.9,101.5,UTC+0530,\n" +
		",2021-02-22 07:00:00.000,182.9,102.0,UTC+0530,\n" +
		",2021-02-23 07:00:00.000,182.9,102.0,IST,\n"
	rows, problems, err := importertest.Parse(t, samsunghealth.Parse, text, time.UTC, "lb")
	if err != nil {
		t.Fatal(err)
	}
	w := importertest.Of(rows, collections.WeightLogs)
	// 07:00 at +05:30 is 01:30Z
	if len(w) != 2 || w[1].Fields["weight"] != 102.0 || w[1].Fields["weight_unit"] != "kg" ||
		w[1].Fields["date_time"].(time.Time).UTC().Format(time.DateTime) != "2021-02-22 01:30:00" {
		t.Errorf("weight %+v", w)
	}
	if len(problems) != 1 || problems[0].Line != 5 || problems[0].Column != "time_offset" {
		t.Errorf("problems %v", problems)
	}
}

func TestDailySteps(t *testing.T) {
	text := "com.samsung.shealth.step_daily_trend,6313003,3\nday_time,count,distance\n1614556800000,8421,6020.5\n"
	rows, problems, err := importertest.Parse(t, samsunghealth.Parse, text, time.UTC, "kg")
	if err != nil || len(problems) > 0 || len(rows) != 1 || rows[0].Fields["steps"] != 8421 ||
		rows[0].Fields["date_time"].(time.Time).Format(time.DateOnly) != "2021-03-01" {
		t.Errorf("%v %v %+v", err, problems, rows)
	}
}

func TestSamples(t *testing.T) { importertest.Samples(t, samsunghealth.Parse, "samsung_health", 5) }
