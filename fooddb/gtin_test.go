package fooddb

import "testing"

func TestNormalizeGTIN(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"3225350000501", "3225350000501"},   // EAN-13 (Pulco)
		{"3228857000852", "3228857000852"},   // EAN-13 (Harrys)
		{"03225350000501", "3225350000501"},  // the same as GTIN-14
		{"3 225350 000501", "3225350000501"}, // as printed under the bars
		{"036000291452", "0036000291452"},    // UPC-A: 3+0+3+0+… check 2
		{"0036000291452", "0036000291452"},   // the same UPC-A as EAN-13
		{"96385074", "96385074"},             // GTIN-8
		{"12345670", "12345670"},             // GTIN-8
		{"10036000291459", "10036000291459"}, // GTIN-14 of a case of the UPC above
		{"4006381-333931", "4006381333931"},  // dashes ignored
	} {
		got, err := NormalizeGTIN(c.in)
		if err != nil || got != c.want {
			t.Errorf("NormalizeGTIN(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{
		"3225350000502",   // check digit off by one
		"3225350000510",   // two digits swapped
		"036000291453",    // UPC-A with a wrong check digit
		"12345678",        // GTIN-8 with a wrong check digit
		"322535000050",    // 12 digits, not a valid UPC-A
		"1234567",         // too short
		"123456789012345", // too long
		"32253500005O1",   // a letter O
		"",
	} {
		if got, err := NormalizeGTIN(bad); err == nil {
			t.Errorf("NormalizeGTIN(%q) = %q, want an error", bad, got)
		}
	}
}
