#!/usr/bin/env python3
"""Builds the reading-comprehension and news sets in this folder.

    python3 make_sets.py SQUAD_TRAIN_JSON REUTERS_SGM_DIR

SQUAD_TRAIN_JSON is SQuAD 2.0's train split (train-v2.0.json; never the dev
split); REUTERS_SGM_DIR holds Reuters-21578's reut2-*.sgm. The selection is
deterministic (fixed article lists, a fixed random seed).
"""
import gzip, html, io, json, os, random, re, sys, tarfile

FIT = ["Beyoncé", "IPod", "The_Legend_of_Zelda:_Twilight_Princess", "2008_Sichuan_earthquake", "Solar_energy"]
REPORT = ["Frédéric_Chopin", "Sino-Tibetan_relations_during_the_Ming_dynasty", "Spectre_(2015_film)", "New_York_City", "To_Kill_a_Mockingbird"]
# Per side: every unanswerable question is kept up to NONE, answerable ones
# up to ANS, so that about a quarter must be declined.
ANS, NONE = {"fit": 360, "report": 150}, {"fit": 120, "report": 50}


def clean(q):
    return " ".join(q.replace("\t", " ").split())


def add_questions(article, title, ans, none):
    """Appends an article's questions to ans (title, question, golds) and
    none (title, question, "NONE")."""
    for p in article["paragraphs"]:
        for q in p["qas"]:
            text = clean(q["question"])
            if not text:
                continue
            if q.get("is_impossible"):
                none.append((title, text, "NONE"))
            else:
                golds = sorted({clean(x["text"]) for x in q["answers"] if clean(x["text"])})
                ans.append((title, text, "|".join(golds)))


def write_questions(name, items, header):
    """Writes items in the briefbot eval format, under a # line per article."""
    with open(name, "w", encoding="utf-8") as f:
        for line in header:
            f.write("# %s\n" % line)
        cur = None
        for title, q, g in items:
            if title != cur:
                f.write("\n# %s\n" % title)
                cur = title
            f.write("%s\t%s\n" % (q, g))


def squad(path):
    data = json.load(open(path, encoding="utf-8"))["data"]
    byname = {a["title"]: a for a in data}
    rng = random.Random(14)
    for side, names in (("fit", FIT), ("report", REPORT)):
        d = os.path.join("wiki", side)
        os.makedirs(d, exist_ok=True)
        ans, none = [], []
        for name in names:
            a = byname[name]
            title = name.replace("_", " ")
            with open(os.path.join(d, re.sub(r"\W+", "-", name).strip("-").lower() + ".txt"), "w", encoding="utf-8") as f:
                f.write(title + "\n\n" + "\n\n".join(p["context"].strip() for p in a["paragraphs"]) + "\n")
            add_questions(a, title, ans, none)
        rng.shuffle(ans)
        rng.shuffle(none)
        items = ans[:ANS[side]] + none[:NONE[side]]
        items.sort(key=lambda x: (names.index(x[0].replace(" ", "_")), x[1]))
        write_questions("wiki_%s.tsv" % side, items, [
            "SQuAD 2.0 train questions on the %s articles in wiki/%s/ (see README.md)." % (side.upper(), side),
            "question<TAB>NONE (must decline) or question<TAB>phrase|phrase (answer contains one)."])


def squad_large(path):
    """wiki_report_large.tsv: every unanswerable question of the REPORT
    articles and three times as many answerable ones, drawn at random
    (seed 15): a larger REPORT set, only ever measured."""
    data = json.load(open(path, encoding="utf-8"))["data"]
    byname = {a["title"]: a for a in data}
    ans, none = [], []
    for name in REPORT:
        add_questions(byname[name], name.replace("_", " "), ans, none)
    rng = random.Random(15)
    rng.shuffle(ans)
    items = ans[:3 * len(none)] + none
    items.sort(key=lambda x: (REPORT.index(x[0].replace(" ", "_")), x[1]))
    write_questions("wiki_report_large.tsv", items, [
        "SQuAD 2.0 train questions on the REPORT articles in wiki/report/ (see README.md):",
        "every unanswerable one and three times as many answerable ones. Only ever measured."])


def reuters(dirname, want=2100):
    docs = []
    for i in range(22):
        raw = open(os.path.join(dirname, "reut2-%03d.sgm" % i), "rb").read().decode("latin-1")
        for m in re.finditer(r"<REUTERS[^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", raw, re.S):
            newid, body = m.group(1), m.group(2)
            t = re.search(r"<TITLE>(.*?)</TITLE>", body, re.S)
            b = re.search(r"<BODY>(.*?)</BODY>", body, re.S)
            dt = re.search(r"<DATE>\s*(.*?)\s*</DATE>", body, re.S)
            if not (t and b and dt):
                continue
            text = html.unescape(b.group(1)).replace("\x03", "").replace("Reuter\n", "").strip()
            text = re.sub(r"\s*Reuter\s*$", "", text)
            if len(text) < 400:
                continue
            title = " ".join(html.unescape(t.group(1)).split())
            # 26-FEB-1987 15:01:01.79 -> RFC 5322 date
            mm = re.match(r"(\d+)-([A-Z]{3})-(\d{4}) (\d\d:\d\d:\d\d)", dt.group(1))
            if not mm:
                continue
            date = "%s %s %s %s +0000" % (mm.group(1), mm.group(2).title(), mm.group(3), mm.group(4))
            paras = [" ".join(p.split()) for p in re.split(r"\n\s{2,}|\n\n", text) if p.strip()]
            docs.append((int(newid), title, date, paras))
            if len(docs) >= want:
                break
        if len(docs) >= want:
            break
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz", format=tarfile.USTAR_FORMAT) as tf:
        for newid, title, date, paras in docs:
            data = ("Subject: %s\nDate: %s\n\n%s\n" % (title, date, "\n\n".join(paras))).encode("utf-8")
            info = tarfile.TarInfo("reuters/%05d.txt" % newid)
            info.size, info.mtime, info.mode = len(data), 0, 0o644
            tf.addfile(info, io.BytesIO(data))
    open("reuters.tar.gz", "wb").write(buf.getvalue())
    print("reuters:", len(docs), "articles")


def pack_wiki():
    with tarfile.open("wiki.tar.gz", "w:gz", format=tarfile.USTAR_FORMAT) as tf:
        for side in ("fit", "report"):
            for name in sorted(os.listdir(os.path.join("wiki", side))):
                path = os.path.join("wiki", side, name)
                info = tf.gettarinfo(path, path)
                info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "", ""
                with open(path, "rb") as f:
                    tf.addfile(info, f)


if __name__ == "__main__":
    squad(sys.argv[1])
    squad_large(sys.argv[1])
    pack_wiki()
    reuters(sys.argv[2])
