package corpus

// SetCacheStamp makes the cache stamp s, as if the code were another
// build, and returns a function that restores it.
func SetCacheStamp(s string) (restore func()) {
	old := cacheStamp
	cacheStamp = func() string { return s }
	return func() { cacheStamp = old }
}
