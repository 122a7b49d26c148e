// Package bodymetrics holds the pure body and nutrition formulas of trackbase:
// age, BMI, BMR (Mifflin-St Jeor), TDEE, body-fat estimates, lean mass, FFMI,
// waist-to-height, the fitness rank, macro targets, the weight trend and the
// adaptive (energy-balance) TDEE.
//
// Every function takes SI quantities (kg, cm, kcal); converting logged values
// through the units table is the caller's job, so a mass logged in lb and the
// same mass logged in kg give identical results. Functions return unrounded
// values unless their name or doc says otherwise; Compute and MacroTargets
// round for display.
package bodymetrics
