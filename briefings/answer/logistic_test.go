package answer

import (
	"errors"
	"math"
	"math/rand"
	"testing"
)

// TestFitLogistic recovers the weights of a known model from samples.
func TestFitLogistic(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	truth := Logistic{Bias: -0.5, Weights: []float64{2, -1.5}}
	var xs [][]float64
	var ys []bool
	for range 20000 {
		x := []float64{r.NormFloat64(), r.NormFloat64()}
		xs = append(xs, x)
		ys = append(ys, r.Float64() < truth.Prob(x))
	}
	m, err := FitLogistic(xs, ys, FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(m.Bias-truth.Bias) > 0.1 || math.Abs(m.Weights[0]-2) > 0.1 || math.Abs(m.Weights[1]+1.5) > 0.1 {
		t.Errorf("fitted %+v, want about %+v", m, truth)
	}
	var ps []float64
	for _, x := range xs {
		ps = append(ps, m.Prob(x))
	}
	if e := CalibrationError(ps, ys, 10); e > 0.03 {
		t.Errorf("calibration error of the fitted model = %.3f, want under 0.03", e)
	}
}

func TestFitLogisticSeparable(t *testing.T) {
	xs := [][]float64{{-2}, {-1}, {1}, {2}}
	ys := []bool{false, false, true, true}
	m, err := FitLogistic(xs, ys, FitOptions{L2: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	if math.IsNaN(m.Weights[0]) || math.IsInf(m.Weights[0], 0) || m.Prob([]float64{2}) < 0.8 || m.Prob([]float64{-2}) > 0.2 {
		t.Errorf("separable data: %+v", m)
	}
}

func TestFitLogisticErrors(t *testing.T) {
	for name, tt := range map[string]struct {
		xs [][]float64
		ys []bool
	}{
		"none":           {nil, nil},
		"one outcome":    {[][]float64{{1}, {2}}, []bool{true, true}},
		"length differs": {[][]float64{{1}}, []bool{true, false}},
	} {
		if _, err := FitLogistic(tt.xs, tt.ys, FitOptions{}); !errors.Is(err, ErrNoData) {
			t.Errorf("%s: err = %v, want ErrNoData", name, err)
		}
	}
	if _, err := FitLogistic([][]float64{{1}, {1, 2}}, []bool{true, false}, FitOptions{}); err == nil {
		t.Error("ragged features: no error")
	}
}

func TestCalibrationError(t *testing.T) {
	tests := []struct {
		name string
		ps   []float64
		ys   []bool
		want float64
	}{
		{"none", nil, nil, 0},
		{"perfect", []float64{0.25, 0.25, 0.25, 0.25}, []bool{true, false, false, false}, 0},
		{"overconfident", []float64{0.95, 0.95}, []bool{true, false}, 0.45},
		{"two bins", []float64{0.05, 0.95}, []bool{false, true}, 0.05},
		{"edges", []float64{0, 1}, []bool{false, true}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CalibrationError(tt.ps, tt.ys, 10); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("CalibrationError = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestFitLogisticWeights: weighing an example twice is counting it twice.
func TestFitLogisticWeights(t *testing.T) {
	xs := [][]float64{{0}, {1}, {1}, {2}, {0}}
	ys := []bool{false, true, false, true, true}
	twice, err := FitLogistic(append(xs, xs[1]), append(ys, ys[1]), FitOptions{L2: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	weighed, err := FitLogistic(xs, ys, FitOptions{Weights: []float64{1, 2, 1, 1, 1}, L2: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(twice.Bias-weighed.Bias) > 1e-6 || math.Abs(twice.Weights[0]-weighed.Weights[0]) > 1e-6 {
		t.Errorf("weight 2 = %+v, counted twice = %+v", weighed, twice)
	}
}

// TestFitLogisticOffset: with the true model's score as an offset and no
// bias, the fit finds nothing to add.
func TestFitLogisticOffset(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	var xs [][]float64
	var ys []bool
	var offs []float64
	for range 20000 {
		off := 3 * r.NormFloat64()
		x := []float64{r.NormFloat64()}
		xs = append(xs, x)
		offs = append(offs, off)
		ys = append(ys, r.Float64() < sigmoid(off-x[0]))
	}
	m, err := FitLogistic(xs, ys, FitOptions{Offsets: offs, NoBias: true})
	if err != nil {
		t.Fatal(err)
	}
	if m.Bias != 0 || math.Abs(m.Weights[0]+1) > 0.1 {
		t.Errorf("fitted %+v, want bias 0 and weight about -1", m)
	}
}
