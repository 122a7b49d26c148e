package fooddb

// RankingTable is the search ranking table: a query a person types and the
// USDA foods (NDB numbers) they would call a right first answer. Where
// several are equally right (raw or cooked chicken breast), any of them.
// The ranking tests (here over the data, in routes/foods through the
// search endpoint) measure top-1 accuracy on it.
var RankingTable = []struct {
	Query string
	Want  []string
}{
	{"banana", []string{"09040"}},                           // Bananas, raw
	{"bananas", []string{"09040"}},                          // plural
	{"apple", []string{"09003"}},                            // Apples, raw, with skin
	{"egg", []string{"01123"}},                              // Egg, whole, raw, fresh
	{"eggs", []string{"01123"}},                             // plural
	{"chicken breast", []string{"05057", "05062", "05064"}}, // raw with or without skin, roasted
	{"breast chicken", []string{"05057", "05062", "05064"}}, // word order
	{"whole milk", []string{"01077"}},                       // Milk, whole, 3.25% milkfat, with added vitamin D
	{"milk whole", []string{"01077"}},
	{"greek yogurt", []string{"01256", "01287", "01293"}}, // Yogurt, Greek, plain, …
	{"white rice", []string{"20044", "20045"}},
	{"brown rice", []string{"20036", "20037"}},
	{"oats", []string{"20038", "08120", "08121"}}, // Oats; Cereals, oats, …
	{"broccoli", []string{"11090"}},
	{"carrots", []string{"11124"}},
	{"spinach", []string{"11457"}},
	{"avocado", []string{"09037"}},
	{"orange", []string{"09200"}},
	{"strawberries", []string{"09316"}},
	{"blueberries", []string{"09050"}},
	{"almonds", []string{"12061"}}, // Nuts, almonds
	{"peanut butter", []string{"16097", "16098"}},
	{"olive oil", []string{"04053"}},
	{"butter", []string{"01001"}},
	{"cheddar cheese", []string{"01009"}},
	{"salmon", []string{"15076", "15078", "15079", "15081", "15083", "15085"}}, // Fish, salmon, <kind>, raw
	{"coffee", []string{"14209"}},                                              // Beverages, coffee, brewed, prepared with tap water
	{"orange juice", []string{"09206"}},
	{"white bread", []string{"18069"}},
	{"potato", []string{"11352"}},
	{"sweet potato", []string{"11507"}},
	{"tomato", []string{"11529"}},
	{"honey", []string{"19296"}},
	{"sugar", []string{"19335"}},
	{"black beans", []string{"16014", "16015"}},
	{"lentils", []string{"16069", "16070"}},
	{"cottage cheese", []string{"01012", "01015", "01016"}},         // creamed, 2 %, 1 %
	{"tofu", []string{"16126", "16127", "16159", "16426", "16427"}}, // firm, soft, extra firm, raw firm, raw regular
}
