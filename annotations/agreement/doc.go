// Package agreement measures how far annotation sets of one article agree
// and turns them into one reference set.
//
// Compare matches the sets' annotations pairwise, exactly (same type and
// span) and by overlap, and gives per type and set pair precision, recall
// and F1, Cohen's κ and Krippendorff's α over the text's code points, and
// how often matched quotes name the same speaker. Disagreements lists what
// the sets do not share. Adjudicate sorts the sets' annotations into agreed
// spans and decisions; Build makes the adjudicated set from the choice made
// for each decision. The command line's compare and merge and the browser's
// compare view all call these, so they print the same figures.
//
// It imports only the core, quotemark/annotations.
package agreement
