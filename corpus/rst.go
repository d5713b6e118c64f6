package corpus

func readRST(d *doc, s string) error { d.units = textUnits(s, false); return nil }
