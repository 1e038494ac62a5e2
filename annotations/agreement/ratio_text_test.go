package agreement

import (
	"math"
	"testing"
)

func fp(x float64) *float64 { return &x }

func TestFormatRatio(t *testing.T) {
	for _, tc := range []struct {
		r    *float64
		want string
	}{
		{nil, "—"},
		{fp(1), "1.000"},
		{fp(0), "0.000"},
		{fp(6.0 / 7), "0.857"},
		{fp(0.0005), "0.001"}, // stored just above 0.0005
		{fp(2.0 / 3), "0.667"},
		{fp(-0.125), "-0.125"},
		{fp(-1.0 / 3), "-0.333"},
		{fp(-0.0001), "0.000"}, // not "-0.000"
		{fp(math.Copysign(0, -1)), "0.000"},
	} {
		if got := FormatRatio(tc.r); got != tc.want {
			t.Errorf("FormatRatio(%v) = %q, want %q", tc.r, got, tc.want)
		}
	}
}

func TestRatio(t *testing.T) {
	if r := ratio(1, 0); r != nil {
		t.Errorf("ratio(1, 0) = %v, want nil", *r)
	}
	if r := ratio(0, 0); r != nil {
		t.Errorf("ratio(0, 0) = %v, want nil", *r)
	}
	if r := ratio(3, 4); r == nil || *r != 0.75 {
		t.Errorf("ratio(3, 4) = %v, want 0.75", r)
	}
}
