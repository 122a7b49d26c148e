package seed

// foodDef is a public food with real per-serving nutrition: USDA values,
// rounded, by the foods' field names (registry.EnergyAndNutrients); a
// nutrient left out is 0. The comment names the food's USDA SR28 number.
type foodDef struct {
	name    string
	serving float64
	unit    string
	group   string
	brand   string
	cost    float64
	n       nutrition
}

// nutrition maps calories and nutrient field names to amounts per serving.
type nutrition map[string]float64

var foodDefs = []foodDef{
	{"Chicken Breast (Raw)", 100, "g", "protein", "", 1.10, nutrition{ // NDB 05062
		"calories": 120, "protein": 22.5, "fat": 2.6, "saturated_fat": 0.6, "sodium": 45, "cholesterol": 73, "calcium": 5, "iron": 0.4, "magnesium": 28, "potassium": 334, "vitamin_a": 9, "vitamin_d": 0.1}},
	{"Ground Beef (93% Lean)", 100, "g", "protein", "", 1.30, nutrition{ // NDB 23472
		"calories": 152, "protein": 20.9, "fat": 7, "saturated_fat": 2.9, "trans_fat": 0.4, "sodium": 66, "cholesterol": 63, "calcium": 12, "iron": 2.3, "magnesium": 21, "potassium": 336, "vitamin_d": 0.1}},
	{"Salmon (Atlantic)", 100, "g", "protein", "", 2.20, nutrition{ // NDB 15236
		"calories": 208, "protein": 20.4, "fat": 13.4, "saturated_fat": 3.1, "sodium": 59, "cholesterol": 55, "calcium": 9, "iron": 0.3, "magnesium": 27, "potassium": 363, "vitamin_a": 58, "vitamin_c": 3.9, "vitamin_d": 11}},
	{"Eggs (Whole, Large)", 50, "g", "protein", "", 0.30, nutrition{ // NDB 01123
		"calories": 72, "protein": 6.3, "fat": 4.8, "carbohydrates": 0.4, "sugar": 0.2, "saturated_fat": 1.6, "sodium": 71, "cholesterol": 186, "calcium": 28, "iron": 0.9, "magnesium": 6, "potassium": 69, "vitamin_a": 80, "vitamin_d": 1}},
	{"Greek Yogurt (Non-Fat)", 170, "g", "dairy", "", 1.20, nutrition{ // NDB 01256
		"calories": 100, "protein": 17, "fat": 0.7, "carbohydrates": 6, "sugar": 5.5, "saturated_fat": 0.2, "sodium": 61, "cholesterol": 9, "calcium": 187, "iron": 0.1, "magnesium": 19, "potassium": 240, "vitamin_a": 2}},
	{"Whey Protein Powder", 30, "g", "protein", "Optimum Nutrition", 1.00, nutrition{ // NDB 14058
		"calories": 120, "protein": 24, "fat": 1.5, "carbohydrates": 3, "fiber": 1, "sugar": 1, "saturated_fat": 1, "sodium": 130, "cholesterol": 35, "calcium": 130, "iron": 0.5, "magnesium": 50, "potassium": 262}},
	{"White Rice (Cooked)", 100, "g", "grain", "", 0.15, nutrition{ // NDB 20045
		"calories": 130, "protein": 2.7, "fat": 0.3, "carbohydrates": 28.2, "fiber": 0.4, "sugar": 0.1, "saturated_fat": 0.1, "sodium": 1, "calcium": 10, "iron": 1.2, "magnesium": 12, "potassium": 35}},
	{"Brown Rice (Cooked)", 100, "g", "grain", "", 0.20, nutrition{ // NDB 20041
		"calories": 112, "protein": 2.3, "fat": 0.8, "carbohydrates": 23.5, "fiber": 1.8, "sugar": 0.4, "saturated_fat": 0.2, "sodium": 5, "calcium": 10, "iron": 0.4, "magnesium": 44, "potassium": 79}},
	{"Sweet Potato (Baked)", 100, "g", "vegetable", "", 0.30, nutrition{ // NDB 11508
		"calories": 90, "protein": 2, "fat": 0.2, "carbohydrates": 20.7, "fiber": 3.3, "sugar": 6.5, "saturated_fat": 0.1, "sodium": 36, "calcium": 38, "iron": 0.7, "magnesium": 27, "potassium": 475, "vitamin_a": 961, "vitamin_c": 19.6}},
	{"Oatmeal (Dry)", 40, "g", "grain", "", 0.20, nutrition{ // NDB 08120
		"calories": 150, "protein": 5.3, "fat": 2.6, "carbohydrates": 27, "fiber": 4, "sugar": 0.4, "saturated_fat": 0.5, "sodium": 2, "calcium": 21, "iron": 1.7, "magnesium": 55, "potassium": 145}},
	{"Whole Wheat Bread", 30, "g", "grain", "", 0.15, nutrition{ // NDB 18075
		"calories": 76, "protein": 3.8, "fat": 1, "carbohydrates": 12.9, "fiber": 1.8, "sugar": 1.7, "saturated_fat": 0.2, "sodium": 136, "calcium": 49, "iron": 0.8, "magnesium": 23, "potassium": 76}},
	{"Pasta (Cooked)", 100, "g", "grain", "", 0.20, nutrition{ // NDB 20121
		"calories": 158, "protein": 5.8, "fat": 0.9, "carbohydrates": 30.9, "fiber": 1.8, "sugar": 0.6, "saturated_fat": 0.2, "sodium": 1, "calcium": 7, "iron": 0.5, "magnesium": 18, "potassium": 44}},
	{"Banana", 118, "g", "fruit", "", 0.25, nutrition{ // NDB 09040
		"calories": 105, "protein": 1.3, "fat": 0.4, "carbohydrates": 27, "fiber": 3.1, "sugar": 14.4, "saturated_fat": 0.1, "sodium": 1, "calcium": 6, "iron": 0.3, "magnesium": 32, "potassium": 422, "vitamin_a": 4, "vitamin_c": 10.3}},
	{"Broccoli (Cooked)", 100, "g", "vegetable", "", 0.40, nutrition{ // NDB 11091
		"calories": 35, "protein": 2.4, "fat": 0.4, "carbohydrates": 7.2, "fiber": 3.3, "sugar": 1.4, "saturated_fat": 0.1, "sodium": 41, "calcium": 40, "iron": 0.7, "magnesium": 21, "potassium": 293, "vitamin_a": 77, "vitamin_c": 64.9}},
	{"Spinach (Raw)", 100, "g", "vegetable", "", 0.60, nutrition{ // NDB 11457
		"calories": 23, "protein": 2.9, "fat": 0.4, "carbohydrates": 3.6, "fiber": 2.2, "sugar": 0.4, "saturated_fat": 0.1, "sodium": 79, "calcium": 99, "iron": 2.7, "magnesium": 79, "potassium": 558, "vitamin_a": 469, "vitamin_c": 28.1}},
	{"Carrots (Raw)", 100, "g", "vegetable", "", 0.15, nutrition{ // NDB 11124
		"calories": 41, "protein": 0.9, "fat": 0.2, "carbohydrates": 9.6, "fiber": 2.8, "sugar": 4.7, "sodium": 69, "calcium": 33, "iron": 0.3, "magnesium": 12, "potassium": 320, "vitamin_a": 835, "vitamin_c": 5.9}},
	{"Mixed Salad Greens", 85, "g", "vegetable", "", 0.80, nutrition{ // NDB 11253
		"calories": 15, "protein": 1.2, "fat": 0.2, "carbohydrates": 2.9, "fiber": 1.8, "sugar": 0.8, "sodium": 25, "calcium": 37, "iron": 0.9, "magnesium": 14, "potassium": 165, "vitamin_a": 220, "vitamin_c": 12}},
	{"Olive Oil", 14, "g", "other", "", 0.20, nutrition{ // NDB 04053
		"calories": 119, "fat": 13.5, "saturated_fat": 1.9, "iron": 0.1, "potassium": 0.1}},
	{"Almonds", 28, "g", "protein", "", 0.50, nutrition{ // NDB 12061
		"calories": 164, "protein": 6, "fat": 14.2, "carbohydrates": 6.1, "fiber": 3.5, "sugar": 1.2, "saturated_fat": 1.1, "calcium": 76, "iron": 1, "magnesium": 76, "potassium": 205}},
	{"Peanut Butter", 32, "g", "protein", "", 0.20, nutrition{ // NDB 16098
		"calories": 191, "protein": 7.1, "fat": 16.4, "carbohydrates": 7.1, "fiber": 1.5, "sugar": 3, "saturated_fat": 3.3, "sodium": 136, "calcium": 15, "iron": 0.6, "magnesium": 51, "potassium": 179}},
	{"Avocado", 100, "g", "fruit", "", 1.00, nutrition{ // NDB 09037
		"calories": 160, "protein": 2, "fat": 14.7, "carbohydrates": 8.5, "fiber": 6.7, "sugar": 0.7, "saturated_fat": 2.1, "sodium": 7, "calcium": 12, "iron": 0.6, "magnesium": 29, "potassium": 485, "vitamin_a": 7, "vitamin_c": 10}},
	{"Coffee (Brewed)", 1, "cup", "other", "", 0.40, nutrition{ // NDB 14209
		"calories": 2, "protein": 0.3, "sodium": 5, "calcium": 5, "magnesium": 7, "potassium": 116, "caffeine": 95}},
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
