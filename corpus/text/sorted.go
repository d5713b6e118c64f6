package text

import "cmp"

// IntersectCount counts the values two sorted lists of distinct values
// share (term ids, sentence ids, terms).
func IntersectCount[T cmp.Ordered](a, b []T) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}
