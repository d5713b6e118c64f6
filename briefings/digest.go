package briefings

// Digest returns the briefing of what is new in the window of opts.
func (kb *KB) Digest(opts DigestOptions) Digest {
	return Digest{Since: opts.Since, Until: opts.Until, Empty: true}
}
