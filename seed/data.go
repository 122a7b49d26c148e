package seed

// foodDef is a public food with real per-serving nutrition (USDA
// FoodData Central values, rounded), in the nutrient order of nutrientColumns.
type foodDef struct {
	name    string
	serving float64
	unit    string
	group   string
	brand   string
	cost    float64
	n       [17]float64
}

var nutrientColumns = []string{"calories", "protein", "fat", "carbohydrates", "fiber", "sodium", "sugar",
	"saturated_fat", "trans_fat", "calcium", "iron", "magnesium", "cholesterol", "vitamin_a", "vitamin_c",
	"vitamin_d", "caffeine"}

// Units: kcal, g (protein … trans fat, fiber, sugar), mg (sodium, calcium,
// iron, magnesium, cholesterol, vitamin C, caffeine), µg (vitamin A RAE, vitamin D).
var foodDefs = []foodDef{
	//                                                              kcal  prot  fat  carb fib  Na   sug  sat  trn  Ca   Fe   Mg   chol A    C     D     caf
	{"Chicken Breast (Raw)", 100, "g", "protein", "", 1.10, [17]float64{120, 22.5, 2.6, 0, 0, 45, 0, 0.6, 0, 5, 0.4, 28, 73, 9, 0, 0.1, 0}},
	{"Ground Beef (93% Lean)", 100, "g", "protein", "", 1.30, [17]float64{152, 20.9, 7, 0, 0, 66, 0, 2.9, 0.4, 12, 2.3, 21, 63, 0, 0, 0.1, 0}},
	{"Salmon (Atlantic)", 100, "g", "protein", "", 2.20, [17]float64{208, 20.4, 13.4, 0, 0, 59, 0, 3.1, 0, 9, 0.3, 27, 55, 58, 3.9, 11, 0}},
	{"Eggs (Whole, Large)", 50, "g", "protein", "", 0.30, [17]float64{72, 6.3, 4.8, 0.4, 0, 71, 0.2, 1.6, 0, 28, 0.9, 6, 186, 80, 0, 1, 0}},
	{"Greek Yogurt (Non-Fat)", 170, "g", "dairy", "", 1.20, [17]float64{100, 17, 0.7, 6, 0, 61, 5.5, 0.2, 0, 187, 0.1, 19, 9, 2, 0, 0, 0}},
	{"Whey Protein Powder", 30, "g", "protein", "Optimum Nutrition", 1.00, [17]float64{120, 24, 1.5, 3, 1, 130, 1, 1, 0, 130, 0.5, 50, 35, 0, 0, 0, 0}},
	{"White Rice (Cooked)", 100, "g", "grain", "", 0.15, [17]float64{130, 2.7, 0.3, 28.2, 0.4, 1, 0.1, 0.1, 0, 10, 1.2, 12, 0, 0, 0, 0, 0}},
	{"Brown Rice (Cooked)", 100, "g", "grain", "", 0.20, [17]float64{112, 2.3, 0.8, 23.5, 1.8, 5, 0.4, 0.2, 0, 10, 0.4, 44, 0, 0, 0, 0, 0}},
	{"Sweet Potato (Baked)", 100, "g", "vegetable", "", 0.30, [17]float64{90, 2, 0.2, 20.7, 3.3, 36, 6.5, 0.1, 0, 38, 0.7, 27, 0, 961, 19.6, 0, 0}},
	{"Oatmeal (Dry)", 40, "g", "grain", "", 0.20, [17]float64{150, 5.3, 2.6, 27, 4, 2, 0.4, 0.5, 0, 21, 1.7, 55, 0, 0, 0, 0, 0}},
	{"Whole Wheat Bread", 30, "g", "grain", "", 0.15, [17]float64{76, 3.8, 1, 12.9, 1.8, 136, 1.7, 0.2, 0, 49, 0.8, 23, 0, 0, 0, 0, 0}},
	{"Pasta (Cooked)", 100, "g", "grain", "", 0.20, [17]float64{158, 5.8, 0.9, 30.9, 1.8, 1, 0.6, 0.2, 0, 7, 0.5, 18, 0, 0, 0, 0, 0}},
	{"Banana", 118, "g", "fruit", "", 0.25, [17]float64{105, 1.3, 0.4, 27, 3.1, 1, 14.4, 0.1, 0, 6, 0.3, 32, 0, 4, 10.3, 0, 0}},
	{"Broccoli (Cooked)", 100, "g", "vegetable", "", 0.40, [17]float64{35, 2.4, 0.4, 7.2, 3.3, 41, 1.4, 0.1, 0, 40, 0.7, 21, 0, 77, 64.9, 0, 0}},
	{"Spinach (Raw)", 100, "g", "vegetable", "", 0.60, [17]float64{23, 2.9, 0.4, 3.6, 2.2, 79, 0.4, 0.1, 0, 99, 2.7, 79, 0, 469, 28.1, 0, 0}},
	{"Carrots (Raw)", 100, "g", "vegetable", "", 0.15, [17]float64{41, 0.9, 0.2, 9.6, 2.8, 69, 4.7, 0, 0, 33, 0.3, 12, 0, 835, 5.9, 0, 0}},
	{"Mixed Salad Greens", 85, "g", "vegetable", "", 0.80, [17]float64{15, 1.2, 0.2, 2.9, 1.8, 25, 0.8, 0, 0, 37, 0.9, 14, 0, 220, 12, 0, 0}},
	{"Olive Oil", 14, "g", "other", "", 0.20, [17]float64{119, 0, 13.5, 0, 0, 0, 0, 1.9, 0, 0, 0.1, 0, 0, 0, 0, 0, 0}},
	{"Almonds", 28, "g", "protein", "", 0.50, [17]float64{164, 6, 14.2, 6.1, 3.5, 0, 1.2, 1.1, 0, 76, 1, 76, 0, 0, 0, 0, 0}},
	{"Peanut Butter", 32, "g", "protein", "", 0.20, [17]float64{191, 7.1, 16.4, 7.1, 1.5, 136, 3, 3.3, 0, 15, 0.6, 51, 0, 0, 0, 0, 0}},
	{"Avocado", 100, "g", "fruit", "", 1.00, [17]float64{160, 2, 14.7, 8.5, 6.7, 7, 0.7, 2.1, 0, 12, 0.6, 29, 0, 7, 10, 0, 0}},
	{"Coffee (Brewed)", 1, "cup", "other", "", 0.40, [17]float64{2, 0.3, 0, 0, 0, 5, 0, 0, 0, 5, 0, 7, 0, 0, 0, 0, 95}},
}

var foodIndexes = func() map[string]int {
	m := make(map[string]int, len(foodDefs))
	for i, f := range foodDefs {
		m[f.name] = i
	}
	return m
}()

// foodIndex finds a food definition by name (panics on a typo: data is static).
func foodIndex(name string) int {
	i, ok := foodIndexes[name]
	if !ok {
		panic("seed: unknown food " + name)
	}
	return i
}

// portion is a food with a number of servings.
type portion struct {
	food     string
	servings float64
}

// mealSlot is a time of day with the plates a user picks from at that time.
type mealSlot struct {
	hour, minute int
	probability  float64
	options      [][]portion
}

var mealSlots = []mealSlot{
	{7, 30, 1, [][]portion{
		{{"Oatmeal (Dry)", 1.5}, {"Banana", 1}, {"Whey Protein Powder", 1}, {"Coffee (Brewed)", 1}},
		{{"Eggs (Whole, Large)", 3}, {"Whole Wheat Bread", 2}, {"Avocado", 0.5}, {"Coffee (Brewed)", 1}},
		{{"Greek Yogurt (Non-Fat)", 1}, {"Banana", 1}, {"Almonds", 1}},
	}},
	{12, 30, 1, [][]portion{
		{{"Chicken Breast (Raw)", 2}, {"White Rice (Cooked)", 2}, {"Broccoli (Cooked)", 1.5}},
		{{"Ground Beef (93% Lean)", 1.5}, {"Pasta (Cooked)", 2}, {"Spinach (Raw)", 1}},
		{{"Chicken Breast (Raw)", 1.5}, {"Mixed Salad Greens", 2}, {"Olive Oil", 1}, {"Whole Wheat Bread", 2}},
	}},
	{15, 30, 0.6, [][]portion{
		{{"Greek Yogurt (Non-Fat)", 1}, {"Almonds", 0.5}},
		{{"Banana", 1}, {"Peanut Butter", 1}},
		{{"Whey Protein Powder", 1}, {"Carrots (Raw)", 1}},
	}},
	{19, 0, 1, [][]portion{
		{{"Salmon (Atlantic)", 1.5}, {"Sweet Potato (Baked)", 2}, {"Spinach (Raw)", 1}},
		{{"Chicken Breast (Raw)", 2}, {"Brown Rice (Cooked)", 2}, {"Broccoli (Cooked)", 1.5}, {"Olive Oil", 0.5}},
		{{"Ground Beef (93% Lean)", 1.5}, {"Sweet Potato (Baked)", 2}, {"Carrots (Raw)", 1}},
	}},
	{21, 0, 0.3, [][]portion{
		{{"Peanut Butter", 1}, {"Whole Wheat Bread", 1}},
		{{"Greek Yogurt (Non-Fat)", 1}},
	}},
}

// exerciseDef is a workout with the muscles it works (activation 0–100), a
// starting weight in the owner's unit, and its rep range.
type exerciseDef struct {
	name, typ, brand, notes string
	muscles                 []rating
	start                   float64
	repsLow, repsHigh       int
}

type rating struct {
	muscle string
	value  int
}

var (
	benchPress = exerciseDef{"Barbell Bench Press", "barbell", "Rogue", "Primary chest strength lift.", []rating{
		{"Pectoralis Major (Middle)", 95}, {"Pectoralis Major (Lower)", 75}, {"Pectoralis Major (Upper)", 70},
		{"Anterior Deltoid", 70}, {"Triceps (Lateral Head)", 60}, {"Triceps (Long Head)", 45}}, 185, 5, 8}
	overheadPress = exerciseDef{"Overhead Press", "barbell", "Rogue", "Standing strict press.", []rating{
		{"Anterior Deltoid", 95}, {"Lateral Deltoid", 65}, {"Triceps (Lateral Head)", 60}, {"Triceps (Long Head)", 50},
		{"Pectoralis Major (Upper)", 40}, {"Trapezius (Upper)", 35}}, 115, 5, 8}
	inclinePress = exerciseDef{"Incline Dumbbell Press", "dumbbell", "Rogue", "30° bench, weight per dumbbell.", []rating{
		{"Pectoralis Major (Upper)", 90}, {"Pectoralis Major (Middle)", 65}, {"Anterior Deltoid", 75}, {"Triceps (Lateral Head)", 45}}, 60, 8, 12}
	pushdown = exerciseDef{"Cable Triceps Pushdown", "cable_machine", "Life Fitness", "Rope attachment.", []rating{
		{"Triceps (Lateral Head)", 95}, {"Triceps (Medial Head)", 85}, {"Triceps (Long Head)", 70}}, 60, 10, 15}
	pullUps = exerciseDef{"Pull-ups", "bodyweight", "", "Strict, full range of motion; weight is added load.", []rating{
		{"Latissimus Dorsi", 95}, {"Teres Major", 70}, {"Biceps Brachii", 65}, {"Brachialis", 60}, {"Rhomboids", 50}, {"Trapezius (Lower)", 45}}, 0, 6, 10}
	barbellRow = exerciseDef{"Barbell Row", "barbell", "Rogue", "Controlled eccentric focus.", []rating{
		{"Rhomboids", 85}, {"Latissimus Dorsi", 80}, {"Trapezius (Middle)", 80}, {"Posterior Deltoid", 65},
		{"Erector Spinae", 55}, {"Biceps Brachii", 50}}, 155, 6, 10}
	facePull = exerciseDef{"Face Pull", "cable_machine", "Life Fitness", "High pulley, external rotation at the end.", []rating{
		{"Posterior Deltoid", 90}, {"Rotator Cuff", 75}, {"Trapezius (Middle)", 70}, {"Rhomboids", 60}}, 40, 12, 15}
	barbellCurl = exerciseDef{"Barbell Curl", "barbell", "Rogue", "", []rating{
		{"Biceps Brachii", 95}, {"Brachialis", 75}, {"Brachioradialis", 60}, {"Forearm Flexors", 45}}, 75, 8, 12}
	squat = exerciseDef{"Barbell Squat", "barbell", "Eleiko", "Low-bar squat emphasis.", []rating{
		{"Quadriceps (Vastus Lateralis)", 95}, {"Quadriceps (Vastus Medialis)", 90}, {"Quadriceps (Vastus Intermedius)", 90},
		{"Quadriceps (Rectus Femoris)", 85}, {"Glutes (Maximus)", 80}, {"Adductors", 60}, {"Erector Spinae", 50}}, 245, 5, 8}
	romanianDeadlift = exerciseDef{"Romanian Deadlift", "barbell", "Texas Power Bar", "Hamstring-focused hinge pattern.", []rating{
		{"Hamstrings (Biceps Femoris)", 90}, {"Hamstrings (Semitendinosus)", 90}, {"Hamstrings (Semimembranosus)", 90},
		{"Glutes (Maximus)", 80}, {"Erector Spinae", 70}}, 205, 6, 10}
	legPress = exerciseDef{"Leg Press", "plate_machine", "Hammer Strength", "Controlled tempo leg press.", []rating{
		{"Quadriceps (Vastus Lateralis)", 90}, {"Quadriceps (Vastus Medialis)", 85}, {"Quadriceps (Vastus Intermedius)", 85},
		{"Quadriceps (Rectus Femoris)", 70}, {"Glutes (Maximus)", 60}}, 360, 8, 12}
	calfRaise = exerciseDef{"Standing Calf Raise", "plate_machine", "Hammer Strength", "", []rating{
		{"Calves (Gastrocnemius)", 95}, {"Calves (Soleus)", 70}}, 180, 10, 15}

	dbBench = exerciseDef{"Dumbbell Bench Press", "dumbbell", "Life Fitness", "Hypertrophy-focused pressing; weight per dumbbell.", []rating{
		{"Pectoralis Major (Middle)", 90}, {"Pectoralis Major (Upper)", 70}, {"Anterior Deltoid", 65}, {"Triceps (Lateral Head)", 50}}, 14, 8, 12}
	latPulldown = exerciseDef{"Lat Pulldown", "cable_machine", "Life Fitness", "Wide grip variation.", []rating{
		{"Latissimus Dorsi", 95}, {"Teres Major", 65}, {"Biceps Brachii", 55}, {"Rhomboids", 45}}, 40, 8, 12}
	dbShoulderPress = exerciseDef{"Dumbbell Shoulder Press", "dumbbell", "Life Fitness", "Seated shoulder press; weight per dumbbell.", []rating{
		{"Anterior Deltoid", 90}, {"Lateral Deltoid", 70}, {"Triceps (Lateral Head)", 50}, {"Trapezius (Upper)", 30}}, 10, 8, 12}
	cableRow = exerciseDef{"Seated Cable Row", "cable_machine", "Life Fitness", "Neutral grip.", []rating{
		{"Rhomboids", 85}, {"Trapezius (Middle)", 80}, {"Latissimus Dorsi", 70}, {"Posterior Deltoid", 55}, {"Biceps Brachii", 45}}, 35, 10, 12}
	dbRomanianDeadlift = exerciseDef{"Dumbbell Romanian Deadlift", "dumbbell", "Life Fitness", "Hamstring-focused hinge pattern; weight per dumbbell.", []rating{
		{"Hamstrings (Biceps Femoris)", 90}, {"Hamstrings (Semitendinosus)", 85}, {"Hamstrings (Semimembranosus)", 85},
		{"Glutes (Maximus)", 75}, {"Erector Spinae", 60}}, 16, 8, 12}
	machineLegPress = exerciseDef{"Leg Press", "plate_machine", "Hammer Strength", "Controlled tempo leg press.", legPress.muscles, 100, 10, 12}
	hipThrust       = exerciseDef{"Hip Thrust", "barbell", "Rogue", "Pause at the top.", []rating{
		{"Glutes (Maximus)", 95}, {"Glutes (Medius)", 55}, {"Hamstrings (Biceps Femoris)", 45}, {"Adductors", 30}}, 60, 8, 12}
	legCurl = exerciseDef{"Lying Leg Curl", "plate_machine", "Life Fitness", "", []rating{
		{"Hamstrings (Biceps Femoris)", 95}, {"Hamstrings (Semitendinosus)", 85}, {"Hamstrings (Semimembranosus)", 85},
		{"Calves (Gastrocnemius)", 30}}, 30, 10, 15}
)

// splitDef is a 7-day split: the schedule repeats weekly from start_date, so
// "N days a week" is the number of days with exercises.
type splitDef struct {
	name string
	days []splitDayDef
}

type splitDayDef struct {
	name      string
	exercises []exerciseDef
}

// plannedSets is how many sets a split day's targets assume per exercise.
const plannedSets = 3

var (
	pushDay = splitDayDef{"Push", []exerciseDef{benchPress, overheadPress, inclinePress, pushdown}}
	pullDay = splitDayDef{"Pull", []exerciseDef{pullUps, barbellRow, facePull, barbellCurl}}
	legDay  = splitDayDef{"Legs", []exerciseDef{squat, romanianDeadlift, legPress, calfRaise}}
	restDay = splitDayDef{"Rest", nil}

	// Push/Pull/Legs, 5 training days a week.
	pplSplit = splitDef{"Push Pull Legs", []splitDayDef{pushDay, pullDay, legDay, restDay, pushDay, pullDay, restDay}}

	upperDay = splitDayDef{"Upper Body", []exerciseDef{dbBench, latPulldown, dbShoulderPress, cableRow}}
	lowerDay = splitDayDef{"Lower Body", []exerciseDef{machineLegPress, dbRomanianDeadlift, hipThrust, legCurl}}
	// Upper/Lower, 4 training days a week.
	upperLowerSplit = splitDef{"Upper Lower", []splitDayDef{upperDay, lowerDay, restDay, upperDay, lowerDay, restDay, restDay}}
)

// exercises lists a split's distinct exercises in first-seen order.
func (s splitDef) exercises() []exerciseDef {
	seen := map[string]bool{}
	var out []exerciseDef
	for _, d := range s.days {
		for _, e := range d.exercises {
			if !seen[e.name] {
				seen[e.name] = true
				out = append(out, e)
			}
		}
	}
	return out
}
