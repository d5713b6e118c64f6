package answer

import (
	"errors"
	"fmt"
	"math"
)

// Logistic is a logistic regression model: the probability that an
// answer is right given its features x is σ(Bias + Weights·x).
type Logistic struct {
	Bias    float64
	Weights []float64
}

// Prob returns σ(Bias + Weights·x). x must have len(Weights) features.
func (m Logistic) Prob(x []float64) float64 {
	z := m.Bias
	for i, w := range m.Weights {
		z += w * x[i]
	}
	return sigmoid(z)
}

func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// ErrNoData is returned by FitLogistic for no examples, or examples that
// are all right or all wrong (nothing to tell apart).
var ErrNoData = errors.New("fit logistic: need examples of both outcomes")

// FitOptions shape a fit.
type FitOptions struct {
	// Weights weigh the examples (nil: all 1), so that sets of different
	// sizes can count alike.
	Weights []float64
	// Offsets are added to each example's linear score with a fixed
	// weight of 1 (nil: none): a prior score the fit corrects.
	Offsets []float64
	// NoBias fixes the bias at 0.
	NoBias bool
	// L2 penalises the weights (not the bias); it keeps them finite when
	// the outcomes are separable.
	L2 float64
}

// FitLogistic fits a logistic regression to examples xs with outcomes ys
// (true: the answer was right) by Newton's method. It is deterministic.
func FitLogistic(xs [][]float64, ys []bool, o FitOptions) (Logistic, error) {
	ws, l2 := o.Weights, o.L2
	if len(xs) == 0 || len(xs) != len(ys) || ws != nil && len(ws) != len(xs) || o.Offsets != nil && len(o.Offsets) != len(xs) {
		return Logistic{}, ErrNoData
	}
	weight := func(i int) float64 {
		if ws == nil {
			return 1
		}
		return ws[i]
	}
	offset := func(i int) float64 {
		if o.Offsets == nil {
			return 0
		}
		return o.Offsets[i]
	}
	pos := 0
	for _, y := range ys {
		if y {
			pos++
		}
	}
	if pos == 0 || pos == len(ys) {
		return Logistic{}, ErrNoData
	}
	d := len(xs[0]) + 1 // the bias is feature 0
	for i, x := range xs {
		if len(x) != d-1 {
			return Logistic{}, fmt.Errorf("fit logistic: example %d has %d features, want %d", i, len(x), d-1)
		}
	}
	w := make([]float64, d)
	if !o.NoBias {
		w[0] = math.Log(float64(pos) / float64(len(ys)-pos))
	}
	feat := func(x []float64, j int) float64 {
		if j == 0 {
			return 1
		}
		return x[j-1]
	}
	for iter := 0; iter < 50; iter++ {
		g := make([]float64, d)
		h := make([][]float64, d)
		for j := range h {
			h[j] = make([]float64, d)
		}
		for i, x := range xs {
			z := w[0] + offset(i)
			for j := 1; j < d; j++ {
				z += w[j] * x[j-1]
			}
			p := sigmoid(z)
			y := 0.0
			if ys[i] {
				y = 1
			}
			s := weight(i) * p * (1 - p)
			for j := 0; j < d; j++ {
				fj := feat(x, j)
				g[j] += weight(i) * (p - y) * fj
				for k := j; k < d; k++ {
					h[j][k] += s * fj * feat(x, k)
				}
			}
		}
		for j := 0; j < d; j++ {
			for k := 0; k < j; k++ {
				h[j][k] = h[k][j]
			}
			if j > 0 {
				g[j] += l2 * w[j]
				h[j][j] += l2
			}
			h[j][j] += 1e-9
		}
		if o.NoBias {
			// Keep w[0] at 0: no gradient, and a row that says so.
			g[0] = 0
			for k := range h[0] {
				h[0][k], h[k][0] = 0, 0
			}
			h[0][0] = 1
		}
		step, ok := solve(h, g)
		if !ok {
			return Logistic{}, errors.New("fit logistic: singular system")
		}
		most := 0.0
		for j := range w {
			w[j] -= step[j]
			most = math.Max(most, math.Abs(step[j]))
		}
		if most < 1e-9 {
			break
		}
	}
	return Logistic{Bias: w[0], Weights: w[1:]}, nil
}

// solve solves a·x = b by Gaussian elimination with partial pivoting;
// a and b are overwritten. ok is false for a singular a.
func solve(a [][]float64, b []float64) ([]float64, bool) {
	n := len(b)
	for c := 0; c < n; c++ {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		if math.Abs(a[p][c]) < 1e-300 {
			return nil, false
		}
		a[c], a[p] = a[p], a[c]
		b[c], b[p] = b[p], b[c]
		for r := c + 1; r < n; r++ {
			f := a[r][c] / a[c][c]
			for k := c; k < n; k++ {
				a[r][k] -= f * a[c][k]
			}
			b[r] -= f * b[c]
		}
	}
	x := make([]float64, n)
	for r := n - 1; r >= 0; r-- {
		s := b[r]
		for k := r + 1; k < n; k++ {
			s -= a[r][k] * x[k]
		}
		x[r] = s / a[r][r]
	}
	return x, true
}

// CalibrationError is the expected calibration error of probabilities ps
// for outcomes ys over bins equal-width bins of [0, 1]: the mean, weighted
// by how many fall in each bin, of |mean probability - share right|. It
// returns 0 for no examples.
func CalibrationError(ps []float64, ys []bool, bins int) float64 {
	if len(ps) == 0 || bins <= 0 {
		return 0
	}
	n := make([]float64, bins)
	sumP := make([]float64, bins)
	sumY := make([]float64, bins)
	for i, p := range ps {
		b := int(p * float64(bins))
		b = min(max(b, 0), bins-1)
		n[b]++
		sumP[b] += p
		if ys[i] {
			sumY[b]++
		}
	}
	e := 0.0
	for b := range n {
		if n[b] > 0 {
			e += math.Abs(sumP[b]-sumY[b]) / float64(len(ps))
		}
	}
	return e
}
