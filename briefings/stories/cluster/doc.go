// Package cluster groups whole news articles into stories and names them.
//
// A story is a set of articles about one event or one running affair: a
// takeover battle, a plane crash, an election campaign. Find first turns
// every article into a vector of what sets it apart from the rest of the
// corpus (names of people, places and organisations, multi-word phrases,
// rarer words), weighted by TF-IDF, with its headline and lead counting
// most. It then clusters the vectors in one pass in time order: an article
// joins the most similar story whose articles are near it in time when the
// cosine similarity reaches a threshold fixed in advance, or starts a new
// story. A second pass reassigns each article to its best story once every
// story is known, and stories whose centroids are close are merged.
// Last, a story whose articles form two dense groups far apart (two
// events of one kind: two fights of one boxer, two earthquakes in one
// country) is split in two by 2-means.
//
// Each story is then named BERTopic's way: class-based TF-IDF ranks the
// phrases that are frequent in the story and rare in the others, and the
// best of them, in Title Case, is the name, a phrase scaled down by how
// many stories hold it (boilerplate). A lone common word is never a name;
// nor are lines of tables of figures, newswire abbreviations (Dlrs, Revs),
// stock codes, or the function words of languages other than English; a
// name does not say one thing twice (GDP Gross Domestic Product).
//
// Build also returns a Model of the stories found, which places the
// articles of a live corpus as they arrive (Model.Add): an article joins
// its story, or starts one with an earlier article of no story, which
// Name names.
//
// Everything here is deterministic: the same articles in any order give
// the same stories and names. The threshold and weights were fixed on
// tuning sets (testdata/README.md beside the stories package says which)
// and are not tuned per corpus.
package cluster
