package agreement

import "strconv"

// Undefined is how FormatRatio shows a figure that has no value (a zero
// denominator, or a kappa or alpha whose expected agreement is total).
const Undefined = "—"

// FormatRatio shows a figure with three decimals ("0.857", "1.000",
// "-0.125"), or Undefined for nil. The browser and the command line both use
// it, so that they print the same numbers.
func FormatRatio(r *float64) string {
	if r == nil {
		return Undefined
	}
	s := strconv.FormatFloat(*r, 'f', 3, 64)
	if s == "-0.000" { // a tiny negative kappa rounds to zero, not below it
		s = "0.000"
	}
	return s
}

// ratio is n/d, or nil when d is 0.
func ratio(n, d int) *float64 {
	if d == 0 {
		return nil
	}
	r := float64(n) / float64(d)
	return &r
}
