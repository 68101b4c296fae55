"""Validates xAPI statements, one JSON object a line, as an independent reader would.

    python validate.py FILE...

Each statement must pass ralph-malph's BaseXapiStatement model (IRIs, UUIDs, language
maps, score ranges, interaction types) and the checks below, written from the xAPI 1.0.3
specification (xAPI-Data.md) where ralph is lax:

- timestamp: ISO 8601 that Python's datetime.fromisoformat reads, with a zone, and
  milliseconds (three digits of fraction);
- id: a version-5 (name-based) UUID, unique in the input; no statement version set
  (2.4.10: a Learning Record Provider SHOULD NOT set it);
- score: min <= raw <= max and -1 <= scaled <= 1, with zeros checked too;
- an interaction: the component lists its type allows (Interaction Components table),
  distinct ids without white space, and correctResponsesPattern and result.response in
  the response format of its type (Response Patterns table), naming only known ids;
- statements with the verb 'responded' (beliefs) carry no correctResponsesPattern, no
  success and no score; 'answered' carries success and score.

Prints a JSON summary on standard output: counts by verb, by interactionType, the ids,
and every problem. Exits 1 when any statement fails.
"""

import json
import re
import sys
import uuid
from collections import Counter
from datetime import datetime
from decimal import Decimal

from pydantic import ValidationError
from ralph.models.xapi.base.statements import BaseXapiStatement

LISTS = {
    "choice": {"choices"},
    "sequencing": {"choices"},
    "likert": {"scale"},
    "matching": {"source", "target"},
    "performance": {"steps"},
    "true-false": set(),
    "fill-in": set(),
    "long-fill-in": set(),
    "numeric": set(),
    "other": set(),
}
ALL_LISTS = {"choices", "scale", "source", "target", "steps"}
MILLISECONDS = re.compile(r"T\d{2}:\d{2}:\d{2}\.\d{3}(Z|[+-]\d{2}:\d{2})$")


def ids(definition, name):
    return [component["id"] for component in definition.get(name, [])]


def check_response(kind, definition, text, where):
    """Problems with `text` as a response of interaction type `kind`."""
    problems = []
    if kind == "choice":
        known = set(ids(definition, "choices"))
        picked = text.split("[,]")
        if any(p not in known for p in picked):
            problems.append(f"{where}: choice ids {picked} not all in {sorted(known)}")
        if len(set(picked)) != len(picked):
            problems.append(f"{where}: a choice id repeats")
    elif kind == "sequencing":
        known = set(ids(definition, "choices"))
        order = text.split("[,]")
        if any(p not in known for p in order) or len(set(order)) != len(order):
            problems.append(f"{where}: sequence {order} is not distinct ids of {sorted(known)}")
    elif kind == "likert":
        if text not in ids(definition, "scale"):
            problems.append(f"{where}: likert response {text!r} is not a scale id")
    elif kind == "matching":
        sources, targets = set(ids(definition, "source")), set(ids(definition, "target"))
        for pair in text.split("[,]"):
            parts = pair.split("[.]")
            if len(parts) != 2 or parts[0] not in sources or parts[1] not in targets:
                problems.append(f"{where}: matching pair {pair!r} is not source[.]target")
    elif kind in ("fill-in", "long-fill-in"):
        if text == "":
            problems.append(f"{where}: empty response")
    return problems


def check(statement, seen):
    problems = []
    try:
        BaseXapiStatement.model_validate(statement)
    except ValidationError as error:
        for detail in error.errors():
            problems.append(f"ralph: {'.'.join(map(str, detail['loc']))}: {detail['msg']}")

    sid = statement.get("id", "")
    try:
        if uuid.UUID(sid).version != 5:
            problems.append(f"id {sid} is not a version-5 UUID")
    except (ValueError, TypeError, AttributeError):
        problems.append(f"id {sid!r} is not a UUID")
    if sid in seen:
        problems.append(f"id {sid} repeats")
    seen.add(sid)
    if "version" in statement:
        problems.append("the statement sets its version")

    timestamp = statement.get("timestamp")
    try:
        parsed = datetime.fromisoformat(timestamp)
        if parsed.tzinfo is None:
            problems.append(f"timestamp {timestamp} has no zone")
        if not MILLISECONDS.search(timestamp):
            problems.append(f"timestamp {timestamp} is not to the millisecond")
    except (TypeError, ValueError):
        problems.append(f"timestamp {timestamp!r} is not ISO 8601")
    registration = statement.get("context", {}).get("registration")
    try:
        uuid.UUID(registration)
    except (ValueError, TypeError, AttributeError):
        problems.append(f"context.registration {registration!r} is not a UUID")

    result = statement.get("result", {})
    score = result.get("score")
    if score is not None:
        values = {k: Decimal(str(v)) for k, v in score.items()}
        if "scaled" in values and not (-1 <= values["scaled"] <= 1):
            problems.append(f"score.scaled {values['scaled']} outside -1..1")
        if "min" in values and "max" in values and values["min"] > values["max"]:
            problems.append("score.min > score.max")
        if "raw" in values:
            if "min" in values and values["raw"] < values["min"]:
                problems.append("score.raw < score.min")
            if "max" in values and values["raw"] > values["max"]:
                problems.append("score.raw > score.max")

    definition = statement.get("object", {}).get("definition", {})
    kind = definition.get("interactionType")
    if definition.get("type") == "http://adlnet.gov/expapi/activities/cmi.interaction" and kind is None:
        problems.append("a cmi.interaction without an interactionType")
    if kind is not None:
        allowed = LISTS.get(kind, set())
        for name in ALL_LISTS:
            if name in definition and name not in allowed:
                problems.append(f"{kind} has a {name} list")
        for name in allowed:
            if name not in definition:
                problems.append(f"{kind} has no {name} list")
            listed = ids(definition, name)
            if len(set(listed)) != len(listed) or any(re.search(r"\s", i) for i in listed):
                problems.append(f"{name} ids are not distinct ids without white space")
        for index, pattern in enumerate(definition.get("correctResponsesPattern", [])):
            problems += check_response(kind, definition, pattern, f"correctResponsesPattern[{index}]")
        if "response" in result:
            problems += check_response(kind, definition, result["response"], "result.response")

    verb = statement.get("verb", {}).get("id", "")
    if verb.endswith("/responded"):
        if "correctResponsesPattern" in definition:
            problems.append("a belief (responded) has a correctResponsesPattern")
        if "success" in result or "score" in result:
            problems.append("a belief (responded) has a success or a score")
    if verb.endswith("/answered") and ("success" not in result or "score" not in result):
        problems.append("an answer has no success or no score")
    return problems


def main(paths):
    seen = set()
    summary = {"statements": 0, "invalid": 0, "verbs": Counter(), "interactionTypes": Counter(),
               "ids": [], "problems": []}
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                summary["statements"] += 1
                try:
                    statement = json.loads(line)
                except json.JSONDecodeError as error:
                    summary["invalid"] += 1
                    summary["problems"].append(f"{path}:{number}: not JSON: {error}")
                    continue
                problems = check(statement, seen)
                if problems:
                    summary["invalid"] += 1
                    summary["problems"] += [f"{path}:{number}: {p}" for p in problems]
                summary["verbs"][statement.get("verb", {}).get("id", "").rsplit("/", 1)[-1]] += 1
                kind = statement.get("object", {}).get("definition", {}).get("interactionType")
                if kind:
                    summary["interactionTypes"][kind] += 1
                summary["ids"].append(statement.get("id"))
    json.dump(summary, sys.stdout, sort_keys=True)
    print()
    return 1 if summary["invalid"] or summary["statements"] == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
