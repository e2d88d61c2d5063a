#!/usr/bin/env python3
"""Write N ACLED-shaped rows (the codebook's columns, invented content), for timing `geopol import`.

    python benchmarks/acled.py 100000 > /tmp/acled-100k.csv
    geopol init /tmp/acled && geopol --facts /tmp/acled/facts.json import /tmp/acled-100k.csv

Same N and --seed, same file. Standard library only. The names are ACLED's
kinds of actor names (state forces, groups, protesters) over a few dozen
countries; notes are short generated sentences, not ACLED's text.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys

COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
         "Strategic developments")  # fmt: skip
COUNTRIES = [
    "Russia",
    "Ukraine",
    "Kazakhstan",
    "Armenia",
    "Azerbaijan",
    "Georgia",
    "Turkey",
    "Syria",
    "Sudan",
    "Mali",
    "Niger",
    "Kenya",
    "Ethiopia",
    "Somalia",
    "Yemen",
    "Iraq",
    "Iran",
    "Israel",
    "Lebanon",
    "Libya",
]
SOURCES = ("Reuters", "AFP", "AP", "Kyiv Independent", "Al Jazeera", "BBC Monitoring", "local partner")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int)
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(COLUMNS)
    start = dt.date(2018, 1, 1)
    for n in range(options.rows):
        country = rng.choice(COUNTRIES)
        other = rng.choice(COUNTRIES)
        kind = rng.choice(TYPES)
        actor1 = rng.choice((f"Military Forces of {country} (2000-)", f"Protesters ({country})",
                             f"Rioters ({country})", f"Unidentified Armed Group ({country})"))  # fmt: skip
        actor2 = rng.choice((f"Military Forces of {other} (2000-)", f"Civilians ({country})", ""))
        day = start + dt.timedelta(days=rng.randrange(2500))
        row = {
            "event_id_cnty": f"{country[:3].upper()}{n:07d}", "event_date": day.isoformat(), "year": day.year,
            "time_precision": rng.choice("1112223"), "event_type": kind, "sub_event_type": kind,
            "actor1": actor1, "actor2": actor2, "country": country, "location": f"Place {rng.randrange(500)}",
            "source": "; ".join(rng.sample(SOURCES, rng.randrange(1, 3))),
            "notes": f"On {day:%d %B %Y}, {actor1} and {actor2 or 'unknown parties'} were reported in event {n}.",
            "fatalities": rng.randrange(5),
        }  # fmt: skip
        writer.writerow([row.get(c, "") for c in COLUMNS])


if __name__ == "__main__":
    main()
