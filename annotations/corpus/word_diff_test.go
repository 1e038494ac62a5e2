package corpus

import (
	"slices"
	"strings"
	"testing"
)

func TestDiffWords(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want []WordDiff
	}{
		{"equal", "a great state", "a  great\nstate", []WordDiff{{"same", "a great state", "a great state"}}},
		{"case", "a great state", "a great State", []WordDiff{{"same", "a great", "a great"}, {"changed", "state", "State"}}},
		{"punctuation", "launch from,", "launch from.", []WordDiff{{"same", "launch", "launch"}, {"changed", "from,", "from."}}},
		{"changed word", "a great state to launch", "a fine state to launch", []WordDiff{{"same", "a", "a"}, {"changed", "great", "fine"}, {"same", "state to launch", "state to launch"}}},
		{"removed word", "a great state", "a state", []WordDiff{{"same", "a", "a"}, {"removed", "great", ""}, {"same", "state", "state"}}},
		{"added words", "a state", "a great big state", []WordDiff{{"same", "a", "a"}, {"added", "", "great big"}, {"same", "state", "state"}}},
		{"added at the ends", "great state", "a great state to launch from", []WordDiff{{"added", "", "a"}, {"same", "great state", "great state"}, {"added", "", "to launch from"}}},
		{"changed run", "we will fight it", "we shall not accept it", []WordDiff{{"same", "we", "we"}, {"changed", "will fight", "shall not accept"}, {"same", "it", "it"}}},
		{"changed gap then case", "a big state", "a large State", []WordDiff{{"same", "a", "a"}, {"changed", "big state", "large State"}}},
		{"apostrophes", "our state’s right", "our state's right", []WordDiff{{"same", "our", "our"}, {"changed", "state’s", "state's"}, {"same", "right", "right"}}},
		{"all different", "yes", "no", []WordDiff{{"changed", "yes", "no"}}},
		{"empty a", "", "new words", []WordDiff{{"added", "", "new words"}}},
		{"empty b", "old words", "", []WordDiff{{"removed", "old words", ""}}},
		{"both empty", "", " ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DiffWords(tt.a, tt.b)
			if !slices.Equal(got, tt.want) {
				t.Errorf("DiffWords(%q, %q)\n got %q\nwant %q", tt.a, tt.b, got, tt.want)
			}
			// The steps give back both texts' words.
			var as, bs []string
			for i, d := range got {
				if i > 0 && got[i-1].Op == d.Op {
					t.Errorf("steps %d and %d have one op %q", i-1, i, d.Op)
				}
				if d.A != "" {
					as = append(as, d.A)
				}
				if d.B != "" {
					bs = append(bs, d.B)
				}
			}
			if strings.Join(as, " ") != strings.Join(strings.Fields(tt.a), " ") || strings.Join(bs, " ") != strings.Join(strings.Fields(tt.b), " ") {
				t.Errorf("the steps do not give back the texts: %q", got)
			}
		})
	}
}
