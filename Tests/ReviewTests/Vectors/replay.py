#!/usr/bin/env python3
"""Replay review histories with the reference, py-fsrs 6.3.2, configured as coach is.

Tests/CoachTests/ReviewCommandTests.swift runs this (when a Python with fsrs 6.3.2 is found)
on the answers a pipe-mode review recorded, and compares coach's `review --history` with it.

Input (standard input): JSON {"item": [[microseconds since 1970 UTC, 1 for right or 0], ...]}.
Output (standard output): JSON {"item": [[stability, difficulty, due in microseconds], ...]}.
"""

import json
import sys
from datetime import datetime, timedelta, timezone

import fsrs

scheduler = fsrs.Scheduler(
    parameters=fsrs.scheduler.DEFAULT_PARAMETERS,
    desired_retention=0.9,
    learning_steps=(),
    relearning_steps=(),
    maximum_interval=36500,
    enable_fuzzing=False,
)
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
MICROSECOND = timedelta(microseconds=1)

out = {}
for item, reviews in json.load(sys.stdin).items():
    card = fsrs.Card()
    states = []
    for micros, right in reviews:
        rating = fsrs.Rating.Good if right else fsrs.Rating.Again
        card, _ = scheduler.review_card(card, rating, review_datetime=EPOCH + micros * MICROSECOND)
        states.append([card.stability, card.difficulty, (card.due - EPOCH) // MICROSECOND])
    out[item] = states
print(json.dumps(out))
