package corpus

// unionFind partitions the numbers 0..n-1 into groups, each named by one of
// its members, its root. Callers number what they group (speaker names,
// quotes) by its place in a sorted list, so that the groups and their roots
// come out the same every run.
type unionFind []int

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = i
	}
	return u
}

// find returns the root of x's group. It halves the path as it goes, so
// that long chains of joins stay cheap to walk.
func (u unionFind) find(x int) int {
	for u[x] != x {
		u[x] = u[u[x]]
		x = u[x]
	}
	return x
}

// join puts x's group into y's; y's root becomes the root of both.
func (u unionFind) join(x, y int) {
	u[u.find(x)] = u.find(y)
}

// groups lists the groups in the order of their smallest members, each
// group's members ascending.
func (u unionFind) groups() [][]int {
	at := map[int]int{} // root → its group's index in out
	var out [][]int
	for i := range u {
		r := u.find(i)
		k, ok := at[r]
		if !ok {
			k = len(out)
			at[r] = k
			out = append(out, nil)
		}
		out[k] = append(out[k], i)
	}
	return out
}
