package briefings

// buildFAQ returns the admin entries followed by entries extracted from the articles.
func buildFAQ(kb *KB) []FAQEntry { return append([]FAQEntry(nil), kb.opts.FAQ...) }
