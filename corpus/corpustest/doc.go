// Package corpustest generates corpora for tests and benchmarks: raw
// documents (SyntheticFiles, WriteFiles) and the articles cleaned from
// them (Synthetic), deterministic for a given size and seed.
package corpustest
