package corpus

func readAsciiDoc(d *doc, s string) error { d.units = textUnits(s, false); return nil }
