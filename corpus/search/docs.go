package search

import "slices"

// docList holds the documents of an index compactly: most documents share
// one of a few ids ("passage", "faq"), so each holds the number of its id.
type docList struct {
	ids     []string // distinct ids, in order of first use
	id      []uint32 // per document: its id's number in ids
	payload []int
	// full holds the documents New indexed, with their fields.
	full []Doc
	// While documents are added: the numbers of the ids, and the latest.
	numbers map[string]uint32
	last    uint32
}

// len returns the number of documents.
func (l *docList) len() int { return len(l.id) }

// grow makes room for n more documents.
func (l *docList) grow(n int) {
	l.id = slices.Grow(l.id, n)
	l.payload = slices.Grow(l.payload, n)
}

// add appends d without its fields.
func (l *docList) add(d Doc) {
	if len(l.ids) == 0 || l.ids[l.last] != d.ID {
		n, ok := l.numbers[d.ID]
		if !ok {
			if l.numbers == nil {
				l.numbers = map[string]uint32{}
			}
			n = uint32(len(l.ids))
			l.numbers[d.ID] = n
			l.ids = append(l.ids, d.ID)
		}
		l.last = n
	}
	l.id = append(l.id, l.last)
	l.payload = append(l.payload, d.Payload)
}

// doc returns document i.
func (l *docList) doc(i int) Doc {
	if l.full != nil {
		return l.full[i]
	}
	return Doc{ID: l.ids[l.id[i]], Payload: l.payload[i]}
}
