package portability_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"trackbase/collections"
	"trackbase/internal/testapp"
)

// Each format through the endpoint: the dry run writes nothing, the import
// creates what the fixture holds, a second import creates nothing, a broken
// line is named and nothing is written, and bob's rows stay as they were.
var formatCases = []struct {
	format, file, broken string
	brokenLine           int
	brokenColumn         string
	created              map[string]int
}{
	{"myfitnesspal", "Date,Meal,Calories,Fat (g),Protein (g),Vitamin C,Note\r\n2024-07-02,Breakfast,518.0,29.0,27.6,50,\r\n2024-07-02,Dinner,561.0,15.4,59.3,0,\r\n",
		"Date,Meal,Calories,Fat (g),Protein (g),Vitamin C,Note\r\n2024-07-02,Breakfast,518.0,29.0,27.6,50,\r\n2024-07-02,Dinner,lots,15.4,59.3,0,\r\n", 3, "calories",
		map[string]int{collections.Foods: 2, collections.FoodLogs: 2}},
	{"strong", "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n" +
		"2022-09-20 16:39:37;\"B\";\"Bench Press (Barbell)\";1;115;lbs;4;6.5;;;0;\"\";\"\";17m\n2022-09-20 16:39:37;\"B\";\"Bench Press (Barbell)\";2;115;lbs;8;;;;0;;;17m\n",
		"Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n" +
			"2022-09-20 16:39:37;\"B\";\"Bench Press (Barbell)\";1;115;lbs;4;6.5;;;0;\"\";\"\";17m\n2022-09-20 16:39:37;\"B\";\"Bench Press (Barbell)\";2;115;lbs;5000;;;;0;;;17m\n", 3, "reps",
		map[string]int{collections.Workouts: 1, collections.WorkoutLogs: 2}},
	{"hevy", "title,start_time,end_time,exercise_title,set_index,weight_kg,reps\nA,\"5 Dec 2025, 11:37\",x,Pull Up,0,,7\n",
		"title,start_time,end_time,exercise_title,set_index,weight_kg,reps\nA,\"5 Dec 2025, 11:37\",x,Pull Up,0,,7\nA,\"35 Dec 2025, 11:37\",x,Pull Up,1,,7\n", 3, "start_time",
		map[string]int{collections.Workouts: 1, collections.WorkoutLogs: 1}},
	{"fitnotes", "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment\n2025-02-24,Lat Pulldown,Back,140.0,lbs,12,,,,\"\"\n2025-02-24,Lat Pulldown,Back,150.0,lbs,9,,,,\"\"",
		"Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment\n2025-02-24,Lat Pulldown,Back,140.0,lbs,12,,,,\"\"\n2025-02-24,Lat Pulldown,Back,-150.0,lbs,9,,,,\"\"", 3, "weight",
		map[string]int{collections.Workouts: 1, collections.WorkoutLogs: 2}},
	{"cronometer", "Day,Time,Group,Food Name,Amount,Energy (kcal),Protein (g),Category\n2022-11-03,9:51 AM,\"Breakfast\",\"Eggs, Cooked\",\"4.00 medium\",272.80,22.1,\"Dairy\"\n2022-11-04,,\"Lunch\",\"Eggs, Cooked\",\"4.00 medium\",272.80,22.1,\"Dairy\"\n",
		"Day,Time,Group,Food Name,Amount,Energy (kcal),Protein (g),Category\n2022-11-03,9:51 AM,\"Breakfast\",\"Eggs, Cooked\",\"4.00 medium\",272.80,22.1,\"Dairy\"\n2022-11-04,,\"Lunch\",\"Eggs, Cooked\",\"4.00 medium\",-272.80,22.1,\"Dairy\"\n", 3, "energy (kcal)",
		map[string]int{collections.Foods: 1, collections.FoodLogs: 2}},
	{"google_fit", "Date,Move Minutes count,Step count,Average weight (kg)\n2021-10-19,9,1523.0,\n2021-10-20,15,,81.3\n",
		"Date,Move Minutes count,Step count,Average weight (kg)\n2021-10-19,9,1523.0,\n2021-10-20,15,999999,81.3\n", 3, "steps",
		map[string]int{collections.StepsLogs: 1, collections.WeightLogs: 1}},
	{"samsung_health", "\ufeffcom.samsung.health.weight,6307003,12\nstart_time,weight,time_offset,\n2021-02-22 07:00:00.000,102.0,UTC+0530,\n",
		"\ufeffcom.samsung.health.weight,6307003,12\nstart_time,weight,time_offset,\n2021-02-22 07:00:00.000,102.0,UTC+0530,\n2021-02-23 07:00:00.000,-1,UTC+0530,\n", 4, "weight",
		map[string]int{collections.WeightLogs: 1}},
	{"apple_health", "<HealthData>\n<Record type=\"HKQuantityTypeIdentifierBodyMass\" unit=\"lb\" startDate=\"2025-04-18 22:38:45 +0100\" value=\"151\"/>\n" +
		"<Record type=\"HKQuantityTypeIdentifierBloodGlucose\" unit=\"mg/dL\" startDate=\"2025-04-18 07:00:00 +0100\" value=\"92\"/>\n</HealthData>",
		"<HealthData>\n<Record type=\"HKQuantityTypeIdentifierBodyMass\" unit=\"lb\" startDate=\"2025-04-18 22:38:45 +0100\" value=\"151\"/>\n" +
			"<Record type=\"HKQuantityTypeIdentifierBloodGlucose\" unit=\"mg/dL\" startDate=\"2025-04-18 07:00:00 +0100\" value=\"-92\"/>\n</HealthData>", 3, "value",
		map[string]int{collections.WeightLogs: 1, "blood_glucose_logs": 1}},
	{"gpx", "<gpx><trk><type>running</type><trkseg>\n<trkpt lat=\"0\" lon=\"0\"><time>2019-06-11T22:00:00Z</time></trkpt>\n<trkpt lat=\"0.009\" lon=\"0\"><time>2019-06-11T22:06:00Z</time></trkpt>\n</trkseg></trk></gpx>",
		"<gpx><trk><type>running</type><trkseg>\n<trkpt lat=\"0\" lon=\"0\"><time>2019-06-11T22:00:00Z</time></trkpt>\n<trkpt lat=\"0.009\" lon=\"0\"><time>2019-06-13T22:06:00Z</time></trkpt>\n</trkseg></trk></gpx>", 1, "duration",
		map[string]int{collections.CardioLogs: 1}},
}

func TestEachFormatThroughTheEndpoint(t *testing.T) {
	for _, c := range formatCases {
		t.Run(c.format, func(t *testing.T) {
			app, h := newApp(t)
			fill(t, app)
			aliceBefore, bobBefore := rowsOf(t, app, testapp.ID("alice")), rowsOf(t, app, testapp.ID("bob"))
			dry := upload(t, h, "alice", "format="+c.format+"&dry_run=true", "f.csv", []byte(c.file))
			if r := decode(t, dry); dry.Code != http.StatusOK || !equalJSON(r.Created, c.created) {
				t.Fatalf("dry run: %d %s", dry.Code, dry.Body)
			}
			if !equalJSON(rowsOf(t, app, testapp.ID("alice")), aliceBefore) {
				t.Fatal("the dry run wrote rows")
			}
			broken := upload(t, h, "alice", "format="+c.format, "f.csv", []byte(c.broken))
			if r := decode(t, broken); broken.Code != http.StatusBadRequest || len(r.Problems) == 0 ||
				r.Problems[0].Line != c.brokenLine || r.Problems[0].Column != c.brokenColumn {
				t.Errorf("broken file: %d %s", broken.Code, broken.Body)
			}
			if !equalJSON(rowsOf(t, app, testapp.ID("alice")), aliceBefore) {
				t.Fatal("a refused import wrote rows")
			}
			first := upload(t, h, "alice", "format="+c.format, "f.csv", []byte(c.file))
			if r := decode(t, first); first.Code != http.StatusOK || !equalJSON(r.Created, c.created) {
				t.Fatalf("import: %d %s", first.Code, first.Body)
			}
			again := upload(t, h, "alice", "format="+c.format, "f.csv", []byte(c.file))
			if r := decode(t, again); again.Code != http.StatusOK || len(r.Created) != 0 {
				t.Errorf("second import: %d %s", again.Code, again.Body)
			}
			if !equalJSON(rowsOf(t, app, testapp.ID("bob")), bobBefore) {
				t.Error("the import changed bob's rows")
			}
		})
	}
}

// The real sample files read through the schema's validation too (a dry run
// per file, when ../shared/data/import-samples is there); the lines a real
// file gets wrong (a 1514-minute run) are named.
func TestSamplesDryRun(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "data", "import-samples")
	if _, err := os.Stat(root); err != nil {
		t.Skip("no samples")
	}
	_, h := newApp(t)
	for dir, format := range map[string]string{"myfitnesspal": "myfitnesspal", "strong": "strong", "hevy": "hevy", "fitnotes": "fitnotes",
		"cronometer": "cronometer", "google_fit": "google_fit", "samsung_health": "samsung_health", "apple_health": "apple_health", "gpx_tcx": "gpx"} {
		files, _ := filepath.Glob(filepath.Join(root, dir, "*"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			res := upload(t, h, "alice", "format="+format+"&dry_run=true", filepath.Base(f), b)
			r := decode(t, res)
			if res.Code != http.StatusOK || len(r.Created) == 0 {
				t.Errorf("%s: %d %.400s", filepath.Base(f), res.Code, strings.TrimSpace(res.Body.String()))
			}
			for _, p := range r.Problems {
				if p.Line == 0 || p.Column == "" {
					t.Errorf("%s: a problem without line or column: %+v", filepath.Base(f), p)
				}
				t.Logf("%s: line %d, %s: %s", filepath.Base(f), p.Line, p.Column, p.Why)
			}
		}
	}
}

// MyFitnessPal's meal totals reach the day's nutrition as MyFitnessPal
// added them up (518 + 561 kcal; vitamin C 50% of 90 mg).
func TestMyFitnessPalDayInDailyNutrition(t *testing.T) {
	_, h := newApp(t)
	if res := upload(t, h, "bob", "format=myfitnesspal", "n.csv", []byte(formatCases[0].file)); res.Code != http.StatusOK {
		t.Fatalf("%d %s", res.Code, res.Body)
	}
	// bob is in Los Angeles: breakfast 08:00 and dinner 19:00 local are both on 2024-07-02
	res := send(t, h, http.MethodGet, "/api/nutrition/daily?from=2024-07-02&to=2024-07-02", "bob", nil, "")
	var env struct {
		Data struct {
			Days []struct {
				Entries int                `json:"entries"`
				Totals  map[string]float64 `json:"totals"`
			} `json:"days"`
		} `json:"data"`
	}
	if err := json.Unmarshal(res.Body.Bytes(), &env); err != nil || len(env.Data.Days) != 1 {
		t.Fatalf("%d %s", res.Code, res.Body)
	}
	d := env.Data.Days[0]
	if d.Entries != 2 || d.Totals["calories"] != 1079 || d.Totals["protein"] != 86.9 || d.Totals["fat"] != 44.4 || d.Totals["vitamin_c"] != 45 {
		t.Errorf("day %+v", d)
	}
}
