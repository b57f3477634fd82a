"""Generate the bundled demo data set, byte for byte.

Run ``python -m satisfy.datasets._generate`` to rewrite ``demo.csv.gz`` next to this file;
``python -m satisfy.datasets._generate --check`` only compares. The data is synthetic and
seeded: 20,000 answers to a customer-service survey over 24 months (November 2024 to
October 2026). How it is made:

- Contacts arrive by channel (phone 35%, email 25%, chat 30%, in person 10%), with more
  contacts in December and January and fewer in August (seasonality).
- Hours to first response are log-normal by channel (phone and in person minutes, chat a
  few minutes, email about a working day); December is slower for everyone.
- Each contact is resolved or not (more often on the phone and in person; less when the
  first response was slow).
- A latent satisfaction drives every rating: it rises with the channel's quality, the team
  and product line, and falls when the contact was unresolved or the response slow. From
  it come likelihood to recommend (0-10), CSAT (1-5, 15% written as labels), CES 2.0
  (1-7), and perception ratings (1-7) on four dimensions (speed, courtesy, resolution,
  quality) next to the customer's expectation on each.
- **The change a trend report can find**: email moved to a new ticketing system in
  September 2025, cutting its response time by two thirds; its scores step up that month.
- A survey weight corrects for chat customers answering more often than phone customers.
- A few answers are missing (skipped questions) and a dozen CSAT answers are malformed
  (``"6"``, ``"meh"``, ``"4.5"``) so that the error paths show.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import hashlib
import io
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
TARGET = HERE / "demo.csv.gz"
SEED = 20261123
N = 20_000
START = dt.date(2024, 11, 1)
MONTHS = 24
CHANGE = dt.date(2025, 9, 1)  # email's new ticketing system

CHANNELS = ["phone", "email", "chat", "in person"]
CHANNEL_SHARE = [0.35, 0.25, 0.30, 0.10]
CHANNEL_QUALITY = {"phone": 0.65, "email": 0.25, "chat": 0.8, "in person": 0.95}
RESPONSE_HOURS = {"phone": 0.08, "email": 20.0, "chat": 0.15, "in person": 0.1}
RESOLVED_RATE = {"phone": 0.85, "email": 0.72, "chat": 0.80, "in person": 0.9}
RESPONSE_RATE = {"phone": 0.8, "email": 1.0, "chat": 1.6, "in person": 1.0}
TEAMS = {"North": 0.15, "South": -0.1, "East": 0.0, "West": 0.05, "Central": -0.2}
PRODUCTS = {"Broadband": -0.1, "Mobile": 0.1, "TV": 0.0}
DIMENSIONS = ["speed", "courtesy", "resolution", "quality"]
CSAT_LABELS = [
    "Very dissatisfied",
    "Dissatisfied",
    "Neither satisfied nor dissatisfied",
    "Satisfied",
    "Very satisfied",
]
COLUMNS = [
    "date",
    "channel",
    "team",
    "product",
    "resolved",
    "hours_to_first_response",
    "ltr",
    "csat",
    "ces",
    *[f"{kind}_{d}" for d in DIMENSIONS for kind in ("expected", "perceived")],
    "weight",
]


def _cut(latent: np.ndarray, cuts: list[float], low: int) -> np.ndarray:
    return low + np.searchsorted(np.asarray(cuts), latent)


def rows() -> list[list[str]]:
    """The demo data as text rows (header first), deterministic for the seed."""
    rng = np.random.default_rng(SEED)
    # dates: month weights with seasonality, then a day within the month
    month_weight = np.array(
        [
            1.3
            if (START.month + m - 1) % 12 + 1 in (12, 1)
            else 0.8
            if (START.month + m - 1) % 12 + 1 == 8
            else 1.0
            for m in range(MONTHS)
        ]
    )
    month = rng.choice(MONTHS, N, p=month_weight / month_weight.sum())
    day = rng.integers(0, 28, N)
    dates = [
        dt.date(
            START.year + (START.month - 1 + int(m)) // 12, (START.month - 1 + int(m)) % 12 + 1, 1
        )
        + dt.timedelta(days=int(d))
        for m, d in zip(month, day)
    ]
    december = np.array([d.month == 12 for d in dates])
    after = np.array([d >= CHANGE for d in dates])
    channel = rng.choice(CHANNELS, N, p=CHANNEL_SHARE)
    team = rng.choice(list(TEAMS), N)
    product = rng.choice(list(PRODUCTS), N, p=[0.4, 0.4, 0.2])
    email = channel == "email"
    median = np.array([RESPONSE_HOURS[c] for c in channel])
    median = np.where(email & after, median / 3, median) * np.where(december, 1.6, 1.0)
    hours = np.round(median * np.exp(rng.normal(0, 0.8, N)), 2)
    slow = np.log1p(hours)
    p_resolved = np.array([RESOLVED_RATE[c] for c in channel]) - 0.04 * slow
    resolved = rng.random(N) < np.clip(p_resolved, 0.05, 0.98)
    latent = (
        np.array([CHANNEL_QUALITY[c] for c in channel])
        + np.where(email & after, 0.45, 0.0)
        + np.array([TEAMS[t] for t in team])
        + np.array([PRODUCTS[p] for p in product])
        - 1.1 * ~resolved
        - 0.25 * slow
        - 0.15 * december
        + rng.normal(0, 0.9, N)
    )
    ltr = _cut(
        latent + rng.normal(0, 0.35, N),
        [-2.6, -2.2, -1.9, -1.6, -1.3, -1.0, -0.6, -0.1, 0.5, 1.1],
        0,
    )
    csat = _cut(latent + rng.normal(0, 0.4, N), [-1.6, -0.9, -0.2, 0.8], 1)
    ces = _cut(latent + rng.normal(0, 0.5, N), [-1.9, -1.3, -0.7, -0.1, 0.5, 1.2], 1)
    expected = {
        d: _cut(rng.normal(0.3, 0.8, N), [-1.5, -1.0, -0.5, 0.0, 0.6, 1.3], 1) for d in DIMENSIONS
    }
    effect = {
        "speed": -0.45 * slow + np.where(email & after, 0.6, 0.0),
        "courtesy": np.array([TEAMS[t] for t in team]) * 2,
        "resolution": np.where(resolved, 0.6, -1.2),
        "quality": np.array([PRODUCTS[p] for p in product]) * 2,
    }
    perceived = {
        d: _cut(
            0.5 * latent + effect[d] + rng.normal(0, 0.7, N), [-1.5, -1.0, -0.5, 0.0, 0.6, 1.3], 1
        )
        for d in DIMENSIONS
    }
    weight = np.round(
        1.0 / np.array([RESPONSE_RATE[c] for c in channel]) * rng.uniform(0.85, 1.15, N), 3
    )
    # text forms: some CSAT answers as labels, some skipped, a few malformed
    as_label = rng.random(N) < 0.15
    csat_text = [CSAT_LABELS[v - 1] if lab else str(v) for v, lab in zip(csat.tolist(), as_label)]
    ltr_text = [str(v) for v in ltr.tolist()]
    ces_text = [str(v) for v in ces.tolist()]
    for column, share in ((ltr_text, 0.02), (csat_text, 0.03), (ces_text, 0.05)):
        for i in np.flatnonzero(rng.random(N) < share):
            column[i] = ""
    for i, bad in zip(rng.choice(N, 12, replace=False), ["6", "meh", "4.5"] * 4):
        csat_text[int(i)] = bad
    order = np.argsort(np.array([d.toordinal() for d in dates]), kind="stable")
    out = [COLUMNS]
    for i in order.tolist():
        out.append(
            [
                dates[i].isoformat(),
                str(channel[i]),
                str(team[i]),
                str(product[i]),
                "yes" if resolved[i] else "no",
                f"{hours[i]:.2f}",
                ltr_text[i],
                csat_text[i],
                ces_text[i],
                *[str(int(v[i])) for d in DIMENSIONS for v in (expected[d], perceived[d])],
                f"{weight[i]:.3f}",
            ]
        )
    return out


def payload() -> bytes:
    """The gzip bytes of the demo file (fixed header time, so reproducible)."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows())
    buffer = io.BytesIO()
    with gzip.GzipFile(
        filename="demo.csv", mode="wb", fileobj=buffer, mtime=0, compresslevel=9
    ) as f:
        f.write(text.getvalue().encode("utf-8"))
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Regenerate satisfy's demo data.")
    parser.add_argument("--check", action="store_true", help="only compare with the shipped file")
    args = parser.parse_args(argv)
    data = payload()
    digest = hashlib.sha256(data).hexdigest()
    if args.check:
        same = TARGET.exists() and TARGET.read_bytes() == data
        print(f"{'identical' if same else 'DIFFERENT'}: sha256 {digest}")
        return 0 if same else 1
    TARGET.write_bytes(data)
    print(f"wrote {TARGET} ({len(data):,} bytes, sha256 {digest})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
