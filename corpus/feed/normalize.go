package feed

import (
	"errors"
	nurl "net/url"
	"sort"
	"strings"
)

// trackingParams are query parameters that identify a campaign or a click,
// not a page.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gclsrc": true, "msclkid": true,
	"yclid": true, "igshid": true, "mc_cid": true, "mc_eid": true, "_ga": true,
	"_gl": true, "ref": true, "ref_src": true, "ref_url": true, "cmpid": true,
	"ocid": true, "smid": true, "smtyp": true, "ito": true, "spm": true,
	"ns_mchannel": true, "ns_source": true, "ns_campaign": true, "ns_linkname": true,
	"ns_fee": true, "at_medium": true, "at_campaign": true, "at_custom1": true,
	"wt.mc_id": true, "mkt_tok": true, "oly_anon_id": true, "oly_enc_id": true,
	"soc_src": true, "soc_trk": true,
}

// isTracking reports whether a query parameter only tracks the reader.
func isTracking(name string) bool {
	n := strings.ToLower(name)
	return strings.HasPrefix(n, "utm_") || strings.HasPrefix(n, "pk_") || trackingParams[n]
}

var errNotHTTP = errors.New("not an http(s) url")

// NormalizeURL returns the key under which two links to the same page
// compare equal: http and https count as one, the host is lower-cased
// without "www." and a default port, the fragment, tracking parameters
// (utm_*, fbclid, gclid and the like) and a trailing slash are dropped,
// and the remaining query parameters are sorted. The key is for comparing,
// not for fetching. It returns an error for a URL that is not absolute
// http(s).
func NormalizeURL(raw string) (string, error) {
	u, err := nurl.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", err
	}
	scheme := strings.ToLower(u.Scheme)
	if (scheme != "http" && scheme != "https") || u.Host == "" {
		return "", errNotHTTP
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimSuffix(host, ".")
	host = strings.TrimPrefix(host, "www.")
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		host += ":" + p
	}
	path := u.EscapedPath()
	for strings.Contains(path, "//") {
		path = strings.ReplaceAll(path, "//", "/")
	}
	path = strings.TrimRight(path, "/")
	q := u.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		if !isTracking(k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("https://")
	b.WriteString(host)
	b.WriteString(path)
	for i, k := range keys {
		vs := q[k]
		sort.Strings(vs)
		for j, v := range vs {
			if i == 0 && j == 0 {
				b.WriteByte('?')
			} else {
				b.WriteByte('&')
			}
			b.WriteString(nurl.QueryEscape(k))
			if v != "" {
				b.WriteByte('=')
				b.WriteString(nurl.QueryEscape(v))
			}
		}
	}
	return b.String(), nil
}
