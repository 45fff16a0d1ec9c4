#!/usr/bin/env python3
"""The baseline a user would otherwise write: PyYAML's C loader and dateutil, computing
the next due date of every recurring obligation in a folder of accord files, as of a
date, with the same rule as `accord due` (from the last performance if any, else the
first anchor + k x interval on or after the date). Prints one line per obligation.

    python3 bench/peer.py DIR [AS_OF]
"""
import datetime
import os
import re
import sys

import yaml
from dateutil.relativedelta import relativedelta

WORDS = {w: i + 1 for i, w in enumerate(
    "one two three four five six seven eight nine ten eleven twelve".split())}


def period(text):
    text = str(text).strip()
    m = re.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?", text)
    if m:
        y, mo, w, d = (int(x or 0) for x in m.groups())
        return relativedelta(years=y, months=mo, weeks=w, days=d)
    parts = [p for p in re.split(r"[\s,]+", text.lower()) if p and p != "and"]
    rd = relativedelta()
    for n, unit in zip(parts[::2], parts[1::2]):
        n = WORDS.get(n) or int(n)
        unit = unit.rstrip("s")
        rd += relativedelta(**{unit + "s": n})
    return rd


def as_date(v):
    return v if isinstance(v, datetime.date) else datetime.date.fromisoformat(str(v))


def main():
    folder = sys.argv[1]
    as_of = datetime.date.fromisoformat(sys.argv[2]) if len(sys.argv) > 2 else datetime.date.today()
    out = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith((".yaml", ".yml")):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            doc = yaml.load(f, Loader=yaml.CSafeLoader)
        eif = doc.get("entry_into_force") or {}
        if eif.get("upon") == "conditions":
            approved = {(e.get("party"), e.get("organ")) for e in doc.get("events") or []
                        if e.get("type") == "approved" and as_date(e["date"]) <= as_of}
            if any((r["party"], r.get("organ")) not in approved for r in eif.get("requires") or []):
                continue  # not in force: nothing is due yet
        start = as_date(doc["signed"]["date"])
        performed = {}
        for e in doc.get("events") or []:
            if e.get("type") == "performed":
                d = as_date(e["date"])
                if d <= as_of:
                    performed[e["obligation"]] = max(performed.get(e["obligation"], d), d)
        for o in doc.get("obligations") or []:
            if "every" not in o:
                continue
            step = period(o["every"])
            if o["id"] in performed:
                nxt = performed[o["id"]] + step
            else:
                anchor = as_date(o.get("from", start))
                k = 1
                nxt = anchor + step * k
                while nxt < as_of:
                    k += 1
                    nxt = anchor + step * k
            out.append(f"{nxt} {doc['id']} {o['id']}")
    sys.stdout.write("\n".join(sorted(out)) + "\n")


if __name__ == "__main__":
    main()
