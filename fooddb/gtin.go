package fooddb

import (
	"errors"
	"strings"
)

// NormalizeGTIN reads a barcode (GTIN-8, UPC-A/GTIN-12, EAN-13/GTIN-13 or
// GTIN-14; spaces and dashes ignored), checks its check digit, and writes it
// in one form per product, the one Open Food Facts uses: 8 digits for a
// GTIN-8, 13 for UPC-A and EAN-13 (a UPC-A gains a leading 0), 14 for a
// GTIN-14 that does not start with 0.
func NormalizeGTIN(code string) (string, error) {
	digits := strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, code)
	for _, r := range digits {
		if r < '0' || r > '9' {
			return "", errors.New("a barcode holds digits only")
		}
	}
	switch len(digits) {
	case 8, 12, 13, 14:
	default:
		return "", errors.New("a barcode has 8, 12, 13 or 14 digits (GTIN-8, UPC-A, EAN-13, GTIN-14)")
	}
	if !validCheckDigit(digits) {
		return "", errors.New("the barcode's last digit (its check digit) does not match: a digit is mistyped")
	}
	if len(digits) == 8 {
		return digits, nil
	}
	gtin14 := strings.Repeat("0", 14-len(digits)) + digits
	if strings.HasPrefix(gtin14, "0") {
		return gtin14[1:], nil
	}
	return gtin14, nil
}

// validCheckDigit: GS1's mod-10 check, weights 3 and 1 alternating from the
// digit next to the check digit.
func validCheckDigit(digits string) bool {
	sum := 0
	for i := len(digits) - 2; i >= 0; i-- {
		d := int(digits[i] - '0')
		if (len(digits)-2-i)%2 == 0 {
			d *= 3
		}
		sum += d
	}
	return (10-sum%10)%10 == int(digits[len(digits)-1]-'0')
}
