#!/usr/bin/env python3
"""Generate FSRS-6 test vectors for coach's Review target with the reference, py-fsrs 6.3.2.

The Swift tests (Tests/ReviewTests/ReferenceVectorTests.swift) replay every sequence written
here and compare each state with the reference's. The output is committed, so `make test`
needs no Python; run this script only to regenerate or to check it.

Regenerate (from the repository root):

    python3 -m venv /tmp/fsrs-venv
    /tmp/fsrs-venv/bin/pip install fsrs==6.3.2
    /tmp/fsrs-venv/bin/python Tests/ReviewTests/Vectors/make_vectors.py

Check that the committed file is what this script makes (exit 1 if not):

    /tmp/fsrs-venv/bin/python Tests/ReviewTests/Vectors/make_vectors.py --check

The version is pinned: fsrs 6.3.1 computes Hard differently, and other versions may change
details. The scheduler is configured exactly as coach's: FSRS-6 default weights, no learning
steps, no relearning steps, no fuzz, and per sequence a desired retention (0.9 for most) and a
maximum interval (36,500 days for most). Ratings are binary: Good (right) or Again (wrong).

Output: fsrs-6.3.2-vectors.json beside this script. Times are integers, microseconds since
1970-01-01 UTC. Each review holds:
    at     when the review happened (microseconds since the epoch, UTC)
    rating "good" or "again"
    r      the reference's retrievability of the state before this review, at `at`
           (0 for the first review, as the reference returns for a new card)
    s, d   stability and difficulty after the review
    due    when the question is next due (microseconds since the epoch, UTC)
    days   the interval in whole days from `at` to `due`
"""

import argparse
import json
import math
import random
import sys
from datetime import datetime, timedelta, timezone
from importlib import metadata
from pathlib import Path

PINNED = "6.3.2"
SEED = 20260416
SEQUENCES = 1200
MARATHONS = 12
OUTPUT = Path(__file__).with_name(f"fsrs-{PINNED}-vectors.json")
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
DAY = 86_400  # seconds
MICRO = 1_000_000


def require_fsrs():
    try:
        version = metadata.version("fsrs")
    except metadata.PackageNotFoundError:
        version = None
    if version != PINNED:
        found = f"fsrs {version} is installed" if version else "fsrs is not installed"
        sys.exit(
            f"make_vectors.py: needs fsrs=={PINNED}, but {found}.\n"
            f"  python3 -m venv /tmp/fsrs-venv && /tmp/fsrs-venv/bin/pip install fsrs=={PINNED}\n"
            f"  /tmp/fsrs-venv/bin/python {sys.argv[0]}"
        )
    import fsrs

    return fsrs


def micros(moment):
    delta = moment - EPOCH
    return (delta.days * DAY + delta.seconds) * MICRO + delta.microseconds


def settings(rng):
    """Most sequences use coach's defaults; the rest vary retention and the interval cap."""
    retention, maximum = 0.9, 36_500
    roll = rng.random()
    if roll < 0.15:
        retention = rng.choice([0.7, 0.75, 0.8, 0.85, 0.95, 0.97, 0.99])
    elif roll < 0.20:
        retention = round(rng.uniform(0.7, 0.99), 4)
    if rng.random() < 0.06:
        maximum = rng.choice([1, 2, 7, 30, 365])
    return retention, maximum


def gap(rng, card):
    """Time to the next review: same-minute to a year, with the day boundary probed.

    Gaps stay within a year, so every review falls before 2051 and every due date before 2152:
    a Swift Date (a Double count of seconds) holds those to well under a microsecond.
    """
    kind = rng.random()
    if kind < 0.12:  # minutes later, the same sitting
        return timedelta(seconds=rng.randint(0, 3_600))
    if kind < 0.22:  # hours later, the same day
        return timedelta(seconds=rng.randint(3_600, DAY - 1), microseconds=rng.randint(0, 999_999))
    if kind < 0.28:  # right at a whole-day boundary: a microsecond before, at, or just after
        days = rng.choice([1, 1, 1, 2, 3, rng.randint(1, 365)])
        return timedelta(days=days, microseconds=rng.choice([-1, 0, 0, 1]))
    if kind < 0.50:  # log-uniform from a minute to a year
        seconds = math.exp(rng.uniform(math.log(60), math.log(365 * DAY)))
        return timedelta(seconds=round(seconds, 6))
    if kind < 0.62:  # uniform up to a year
        return timedelta(seconds=rng.randint(DAY, 365 * DAY))
    # around the due date, as a diligent learner would come back, but at most a year later
    on_time = card.due - card.last_review
    jitter = timedelta(seconds=rng.randint(-2 * DAY, 5 * DAY))
    if rng.random() < 0.3:
        jitter = timedelta(0)
    later = max(on_time + jitter, timedelta(seconds=rng.randint(0, DAY)))
    return min(later, timedelta(days=365))


def drilling_gap(rng, card):
    """A learner drilling one question over and over: minutes to three days apart."""
    return timedelta(seconds=rng.randint(60, 3 * DAY))


def sequence(fsrs, rng, number, marathon=False):
    retention, maximum = (0.9, 36_500) if marathon else settings(rng)
    scheduler = fsrs.Scheduler(
        parameters=fsrs.scheduler.DEFAULT_PARAMETERS,
        desired_retention=retention,
        learning_steps=(),
        relearning_steps=(),
        maximum_interval=maximum,
        enable_fuzzing=False,
    )
    start = datetime(2024, 1, 1, tzinfo=timezone.utc) + timedelta(
        seconds=rng.randint(0, 3 * 365 * DAY), microseconds=rng.randint(0, 999_999)
    )
    if rng.random() < 0.1:  # some on whole seconds, as a store with second precision gives
        start = start.replace(microsecond=0)
    length = rng.randint(200, 260) if marathon else rng.randint(1, 24)
    right = rng.choice([1.0, 0.97]) if marathon else rng.uniform(0.2, 0.97)
    next_gap = drilling_gap if marathon else gap
    card = fsrs.Card(card_id=number + 1)
    moment = start
    reviews = []
    for index in range(length):
        if index > 0:
            moment = moment + next_gap(rng, card)
        rating = fsrs.Rating.Good if rng.random() < right else fsrs.Rating.Again
        before = scheduler.get_card_retrievability(card, current_datetime=moment)
        card, _ = scheduler.review_card(card, rating, review_datetime=moment)
        interval = card.due - moment
        assert interval.seconds == 0 and interval.microseconds == 0, interval
        reviews.append(
            {
                "at": micros(moment),
                "rating": "good" if rating == fsrs.Rating.Good else "again",
                "r": before,
                "s": card.stability,
                "d": card.difficulty,
                "due": micros(card.due),
                "days": interval.days,
            }
        )
    return {"retention": retention, "maximumInterval": maximum, "reviews": reviews}


def generate(fsrs):
    rng = random.Random(SEED)
    sequences = [sequence(fsrs, rng, number) for number in range(SEQUENCES)]
    # A few long runs, mostly right, take difficulty down to its floor of 1.
    sequences += [
        sequence(fsrs, rng, SEQUENCES + number, marathon=True) for number in range(MARATHONS)
    ]
    header = {
        "generator": "Tests/ReviewTests/Vectors/make_vectors.py",
        "fsrs": PINNED,
        "seed": SEED,
        "weights": list(fsrs.scheduler.DEFAULT_PARAMETERS),
        "learningSteps": [],
        "relearningSteps": [],
        "fuzz": False,
    }
    # One review per line, so a change shows up as a readable diff.
    lines = ["{"]
    for key, value in header.items():
        lines.append(f"  {json.dumps(key)}: {json.dumps(value)},")
    lines.append('  "sequences": [')
    for number, seq in enumerate(sequences):
        lines.append(
            f'    {{"retention": {json.dumps(seq["retention"])}, '
            f'"maximumInterval": {seq["maximumInterval"]}, "reviews": ['
        )
        rows = [f"      {json.dumps(review)}" for review in seq["reviews"]]
        lines.append(",\n".join(rows))
        lines.append("    ]}" + ("," if number + 1 < len(sequences) else ""))
    lines.append("  ]")
    lines.append("}")
    return "\n".join(lines) + "\n", sequences


def summary(sequences):
    reviews = [review for seq in sequences for review in seq["reviews"]]
    same_day = sum(
        1
        for seq in sequences
        for previous, review in zip(seq["reviews"], seq["reviews"][1:])
        if review["at"] - previous["at"] < DAY * MICRO
    )
    capped = sum(
        1 for seq in sequences for review in seq["reviews"] if review["days"] == seq["maximumInterval"]
    )
    return (
        f"{len(sequences)} sequences, {len(reviews)} reviews "
        f"({sum(r['rating'] == 'again' for r in reviews)} wrong, {same_day} less than a day "
        f"after the one before, {capped} at the maximum interval, "
        f"longest interval {max(r['days'] for r in reviews)} days, "
        f"{sum(r['s'] == 0.001 for r in reviews)} at the lowest stability, "
        f"{sum(r['d'] == 1.0 for r in reviews)} at the lowest difficulty)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write the vectors")
    options = parser.parse_args()
    fsrs = require_fsrs()
    text, sequences = generate(fsrs)
    json.loads(text)  # the hand-laid-out file must still be valid JSON
    if options.check:
        if options.output.read_text() != text:
            sys.exit(f"{options.output}: differs from what make_vectors.py generates; regenerate it")
        print(f"{options.output}: up to date: {summary(sequences)}")
        return
    options.output.write_text(text)
    print(f"wrote {options.output}: {summary(sequences)}")


if __name__ == "__main__":
    main()
