// Command gen writes sr28.tsv.gz, the compact copy of USDA's Standard
// Reference (SR28) that the binary embeds, from the two CSVs of the shared
// extract (foods.csv, portions.csv). Run it through `go generate ./fooddb/`.
//
// The output is gzip'd UTF-8 text, one record a line, fields separated by
// tabs (no USDA text holds a tab or a newline):
//
//	N <nutrient>…                                 the nutrient columns of F lines, once, first
//	F <ndb> <description> <food group> <value>…   a food, values per 100 g; empty = USDA has no value
//	P <seq> <amount> <unit> <grams>               a household measure of the F line above it
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// unitSuffix is the unit that ends each nutrient column of foods.csv
// (protein_g, sodium_mg, vitamin_d_ug, calories_kcal).
var unitSuffix = regexp.MustCompile(`_(kcal|g|mg|ug)$`)

// fieldName turns a foods.csv nutrient column into the foods field it fills:
// the unit goes (the field's unit is fixed by the schema), and vitamin A is
// given as retinol activity equivalents (RAE), which is what vitamin_a holds.
func fieldName(column string) string {
	return strings.TrimSuffix(unitSuffix.ReplaceAllString(column, ""), "_rae")
}

func main() {
	in := flag.String("in", "", "directory holding foods.csv and portions.csv")
	out := flag.String("out", "sr28.tsv.gz", "output file")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		log.Fatal(err)
	}
}

func readCSV(path string) ([]string, [][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) == 0 {
		return nil, nil, fmt.Errorf("%s: empty", path)
	}
	return rows[0], rows[1:], nil
}

func run(in, out string) error {
	foodHeader, foods, err := readCSV(filepath.Join(in, "foods.csv"))
	if err != nil {
		return err
	}
	portionHeader, portions, err := readCSV(filepath.Join(in, "portions.csv"))
	if err != nil {
		return err
	}
	const fixed = 3 // source_id, description, food_group
	if strings.Join(foodHeader[:fixed], ",") != "source_id,description,food_group" ||
		strings.Join(portionHeader, ",") != "source_id,seq,amount,unit,description,grams" {
		return fmt.Errorf("unexpected CSV headers %v / %v", foodHeader, portionHeader)
	}
	bySource := map[string][][]string{}
	for _, p := range portions {
		bySource[p[0]] = append(bySource[p[0]], p)
	}

	var text bytes.Buffer
	line := func(fields ...string) error {
		for _, f := range fields {
			if strings.ContainsAny(f, "\t\n\r") {
				return fmt.Errorf("field %q holds a tab or newline", f)
			}
		}
		text.WriteString(strings.Join(fields, "\t") + "\n")
		return nil
	}
	names := []string{"N"}
	for _, c := range foodHeader[fixed:] {
		names = append(names, fieldName(c))
	}
	if err := line(names...); err != nil {
		return err
	}
	nPortions := 0
	for _, f := range foods {
		if err := line(append([]string{"F"}, f...)...); err != nil {
			return err
		}
		for _, p := range bySource[f[0]] { // portions.csv lists them in USDA's order
			if err := line("P", p[1], p[2], p[3], p[5]); err != nil {
				return err
			}
			nPortions++
		}
	}
	if nPortions != len(portions) {
		return fmt.Errorf("%d portions belong to no food", len(portions)-nPortions)
	}

	var packed bytes.Buffer
	zw, err := gzip.NewWriterLevel(&packed, gzip.BestCompression)
	if err != nil {
		return err
	}
	zw.Name = "sr28.tsv" // no ModTime: the same CSVs give the same bytes
	if _, err := io.Copy(zw, &text); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(out, packed.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Printf("%s: %d foods, %d portions, %d bytes\n", out, len(foods), nPortions, packed.Len())
	return nil
}
