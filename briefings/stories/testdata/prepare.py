#!/usr/bin/env python3
"""Build the story-clustering evaluation sets from public corpora.

Usage: prepare.py ECBPLUS_DIR REUTERS_DIR READABILITY_PAGES_DIR OUT_DIR

ECBPLUS_DIR           the ECB+ release's ECB+ folder (topic folders 1..45 of *.xml)
REUTERS_DIR           the folder holding Reuters-21578's reut2-000.sgm .. reut2-021.sgm
READABILITY_PAGES_DIR mozilla/readability's test/test-pages folder

Each set is a folder of articles plus gold.tsv (file, label, date). See README.md
for what each set is and which are tuned on and which are only reported.
"""
import html
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from datetime import datetime


def detok(tokens):
    s = " ".join(tokens)
    s = re.sub(r" ([,.;:!?%)\]}])", r"\1", s)
    s = re.sub(r"([(\[{$]) ", r"\1", s)
    s = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", s)
    s = s.replace("`` ", "\u201c").replace(" ''", "\u201d").replace("``", "\u201c").replace("''", "\u201d")
    s = re.sub(r" ' ", "' ", s)
    s = re.sub(r" ([’']) ?(s|t|re|ve|ll|d|m)\b", r"\1\2", s)
    s = re.sub(r"([“‘]) ", r"\1", s)
    s = re.sub(r" ([”])", r"\1", s)
    s = re.sub(r"(\d): (\d\d)\b", r"\1:\2", s)
    s = re.sub(r"(\w) - (\w)", r"\1-\2", s)
    return s.strip()


def ecb_doc(path):
    root = ET.parse(path).getroot()
    sents = {}
    for t in root.iter("token"):
        sents.setdefault(int(t.get("sentence")), []).append(t.text or "")
    out = [detok(sents[k]) for k in sorted(sents)]
    out = [s for s in out if s]
    # ECB+ documents start with the page's URL; drop it.
    if out and re.match(r"^https?\s*:", out[0]):
        out = out[1:]
    return out


def write_ecb(src, out, topics, name):
    d = os.path.join(out, name)
    os.makedirs(os.path.join(d, "articles"), exist_ok=True)
    gold = []
    for topic in sorted(os.listdir(src), key=lambda x: int(x) if x.isdigit() else 0):
        if not topic.isdigit() or int(topic) not in topics:
            continue
        for f in sorted(os.listdir(os.path.join(src, topic))):
            if not f.endswith(".xml"):
                continue
            sents = ecb_doc(os.path.join(src, topic, f))
            if len(sents) < 2:
                continue
            kind = "ecbplus" if f.endswith("ecbplus.xml") else "ecb"
            label = f"{topic}_{kind}"
            title, body = sents[0], sents[1:]
            paras = [" ".join(body[i:i + 3]) for i in range(0, len(body), 3)]
            base = f.replace(".xml", ".txt")
            with open(os.path.join(d, "articles", base), "w") as fh:
                fh.write(title + "\n\n" + "\n\n".join(paras) + "\n")
            gold.append((base, label, ""))
    with open(os.path.join(d, "gold.tsv"), "w") as fh:
        for g in gold:
            fh.write("\t".join(g) + "\n")
    print(name, len(gold), "articles", len({g[1] for g in gold}), "events")


# Reuters topics grouped into the desks of a newsroom, the analogue of a
# news site's sections.
DESKS = {}
for desk, topics in {
    "corporate": "earn acq",
    "energy": "crude nat-gas fuel gas heat jet propane naphtha pet-chem",
    "money": "money-fx interest money-supply dlr yen dmk reserves stg",
    "economy": "trade gnp bop cpi ipi jobs retail housing wpi income instal-debt lei capacity inventories",
    "metals": "gold silver copper zinc tin lead alum iron-steel nickel platinum palladium strategic-metal",
    "farm": "cocoa coffee sugar grain wheat corn barley oat rice sorghum rye veg-oil oilseed soybean soy-meal "
            "soy-oil meal-feed cotton rubber livestock carcass hog l-cattle orange potato tea wool palm-oil "
            "rapeseed sun-oil groundnut copra-cake cotton-oil coconut lumber",
    "shipping": "ship",
}.items():
    for t in topics.split():
        DESKS[t] = desk

REUT = re.compile(r"<REUTERS(.*?)</REUTERS>", re.S)


def reuters(src, files, out, name, limit):
    d = os.path.join(out, name)
    os.makedirs(os.path.join(d, "articles"), exist_ok=True)
    gold = []
    for fn in files:
        raw = open(os.path.join(src, fn), encoding="latin-1").read()
        for m in REUT.finditer(raw):
            doc = m.group(1)
            topics = re.findall(r"<D>(.*?)</D>", (re.search(r"<TOPICS>(.*?)</TOPICS>", doc) or [None, ""])[1] if re.search(r"<TOPICS>(.*?)</TOPICS>", doc) else "")
            if len(topics) != 1:
                continue
            t = re.search(r"<TITLE>(.*?)</TITLE>", doc, re.S)
            b = re.search(r"<BODY>(.*?)</BODY>", doc, re.S)
            if not t or not b:
                continue
            date = re.search(r"<DATE>\s*(.*?)\s*</DATE>", doc).group(1)
            when = datetime.strptime(date.split(".")[0], "%d-%b-%Y %H:%M:%S")
            newid = re.search(r'NEWID="(\d+)"', doc).group(1)
            title = html.unescape(t.group(1)).strip()
            body = html.unescape(b.group(1))
            body = re.sub(r"\s*Reuter\s*&#3;\s*$|\s*REUTER\s*&#3;\s*$", "", body).replace("&#3;", "").strip()
            paras = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s{3,}", body)]
            paras = [p for p in paras if p]
            if sum(len(p.split()) for p in paras) < 40:
                continue
            base = f"reut-{int(newid):05d}.txt"
            with open(os.path.join(d, "articles", base), "w") as fh:
                fh.write("Subject: " + title.title() + "\n")
                fh.write("Date: " + when.strftime("%a, %d %b %Y %H:%M:%S +0000") + "\n\n")
                fh.write("\n\n".join(paras) + "\n")
            gold.append((base, topics[0], when.strftime("%Y-%m-%dT%H:%M:%SZ"), DESKS.get(topics[0], "other")))
            if len(gold) >= limit:
                break
        if len(gold) >= limit:
            break
    with open(os.path.join(d, "gold.tsv"), "w") as fh:
        for g in gold:
            fh.write("\t".join(g) + "\n")
    print(name, len(gold), "articles", len({g[1] for g in gold}), "sections")


PAGES = ["lemonde-1", "liberation-1", "heise", "aktualne", "folha", "la-nacion", "qq", "gmw",
         "bbc-1", "cnn", "guardian-1", "nytimes-1", "nytimes-2", "nytimes-3", "nytimes-4", "nytimes-5",
         "wapo-1", "wapo-2", "telegraph", "seattletimes-1", "herald-sun-1", "yahoo-1", "yahoo-2",
         "yahoo-3", "yahoo-4", "msn", "breitbart", "buzzfeed-1", "salon-1", "tmz-1", "theverge",
         "engadget", "cnet", "ars-1", "citylab-1", "medicalnewstoday", "webmd-1", "pixnet", "rtl-1"]


def pages(src, out, name):
    d = os.path.join(out, name)
    os.makedirs(os.path.join(d, "articles"), exist_ok=True)
    gold = []
    for p in PAGES:
        f = os.path.join(src, p, "source.html")
        if not os.path.exists(f):
            continue
        meta = {}
        mf = os.path.join(src, p, "expected-metadata.json")
        if os.path.exists(mf):
            meta = json.load(open(mf))
        with open(f, "rb") as i, open(os.path.join(d, "articles", p + ".html"), "wb") as o:
            o.write(i.read())
        gold.append((p + ".html", meta.get("lang") or "", meta.get("publishedTime") or ""))
    with open(os.path.join(d, "gold.tsv"), "w") as fh:
        for g in gold:
            fh.write("\t".join(x or "" for x in g) + "\n")
    print(name, len(gold), "pages")


def small(out, src, name):
    """A small corpus cut from an event set: one article of each of the
    first twenty events and two of the next ten, to see what a corpus of
    forty articles does (few stories, no false ones)."""
    d = os.path.join(out, name)
    os.makedirs(os.path.join(d, "articles"), exist_ok=True)
    rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(out, src, "gold.tsv"))]
    by = {}
    for r in rows:
        by.setdefault(r[1], []).append(r)
    gold = []
    for i, ev in enumerate(sorted(by)[:30]):
        for r in by[ev][: 1 if i < 20 else 2]:
            with open(os.path.join(out, src, "articles", r[0]), "rb") as i_, open(os.path.join(d, "articles", r[0]), "wb") as o:
                o.write(i_.read())
            gold.append(r)
    with open(os.path.join(d, "gold.tsv"), "w") as fh:
        for g in gold:
            fh.write("\t".join(g) + "\n")
    print(name, len(gold), "articles")


def main():
    ecb, reut, pg, out = sys.argv[1:5]
    write_ecb(ecb, out, set(range(1, 23)), "ecbplus-tune")
    write_ecb(ecb, out, set(range(23, 46)), "ecbplus-report")
    small(out, "ecbplus-tune", "ecbplus-tune-small")
    files = sorted(f for f in os.listdir(reut) if f.startswith("reut2-") and f.endswith(".sgm"))
    reuters(reut, files[:11], out, "reuters-tune", 2500)
    reuters(reut, files[11:], out, "reuters-report", 2500)
    pages(pg, out, "pages-report")


if __name__ == "__main__":
    main()
