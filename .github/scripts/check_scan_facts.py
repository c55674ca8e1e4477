#!/usr/bin/env python3
"""Inspects the standard output of `fleet-agent scan` (issue #14 item 6).

Passes when the output is exactly one JSON document of device facts in which every fact has a
source or an honest UNKNOWN:
  - the platform is the one expected, and the device's identity (OS name and version, hostname,
    agent version) was read;
  - every on/off fact (diskEncryption, firewall, screenLock, remoteLogin, automaticUpdates) is
    present and carries a reason: the evidence it was read from when ON or OFF, why not when
    UNKNOWN or UNSUPPORTED;
  - screenIdleSeconds has a non-negative value and its source when ON, a reason otherwise;
  - the application inventory is known (each entry named), or the reason it is not is given.
Reasons that speak of missing permissions are printed as warnings (the scan runs without admin
rights, so such a gap is honest but worth seeing), not failures.

Usage: check_scan_facts.py SCAN_STDOUT_FILE --platform linux|darwin|win32
Exit 0 when the scan passes, 1 with one line per problem otherwise. Standard library only, so it
runs as is on every CI runner.
"""
import argparse
import json
import re
import sys

ON_OFF_FACTS = ("diskEncryption", "firewall", "screenLock", "remoteLogin", "automaticUpdates")
NUMERIC_FACTS = ("screenIdleSeconds",)
IDENTITY = ("osName", "osVersion", "hostname", "agentVersion")
# Protobuf's JSON leaves out a field at its default, so an absent state is FACT_STATE_UNKNOWN.
STATES = {"FACT_STATE_UNKNOWN": "UNKNOWN", "FACT_STATE_ON": "ON", "FACT_STATE_OFF": "OFF", "FACT_STATE_UNSUPPORTED": "UNSUPPORTED"}
PERMISSION = re.compile(r"permission denied|access is denied|access denied|operation not permitted|not permitted|requires? (admin|root|elevation)|EACCES|EPERM", re.IGNORECASE)


def inspect(text, platform):
    """Returns (problems, warnings, summary lines) for one scan's standard output."""
    problems, warnings, summary = [], [], []
    try:
        facts = json.loads(text)
    except json.JSONDecodeError as e:
        return [f"standard output is not exactly one JSON document: {e}"], warnings, summary
    if not isinstance(facts, dict):
        return ["standard output is JSON but not an object of facts"], warnings, summary

    if facts.get("platform") != platform:
        problems.append(f"platform is {facts.get('platform')!r}, expected {platform!r}")
    for key in IDENTITY:
        if not str(facts.get(key, "")).strip():
            problems.append(f"{key} is missing or empty")

    for key in ON_OFF_FACTS + NUMERIC_FACTS:
        fact = facts.get(key)
        if not isinstance(fact, dict):
            problems.append(f"{key}: missing (every fact is reported, UNKNOWN with a reason when it cannot be read)")
            continue
        raw_state = fact.get("state", "FACT_STATE_UNKNOWN")
        state = STATES.get(raw_state)
        reason = str(fact.get("reason", "")).strip()
        if state is None:
            problems.append(f"{key}: unknown state {raw_state!r}")
            continue
        if not reason:
            what = "its source (the evidence it was read from)" if state in ("ON", "OFF") else "why it could not be read"
            problems.append(f"{key}: {state} without a reason; it must say {what}")
        if key in NUMERIC_FACTS and state == "ON":
            # int64 is a string in protobuf JSON; 0 is left out.
            value = fact.get("value", "0")
            try:
                if int(value) < 0:
                    problems.append(f"{key}: negative value {value}")
            except (TypeError, ValueError):
                problems.append(f"{key}: ON with a value that is not a number: {value!r}")
        if key in NUMERIC_FACTS and state == "OFF":
            problems.append(f"{key}: a measured number is ON (with its value) or UNKNOWN/UNSUPPORTED, never OFF")
        if state in ("UNKNOWN", "UNSUPPORTED") and PERMISSION.search(reason):
            warnings.append(f"{key}: {state} for a permission reason: {reason}")
        summary.append(f"{key:18} {state:11} {reason}")

    applications = facts.get("applications", [])
    if facts.get("applicationsKnown") is True:
        unnamed = [a for a in applications if not str(a.get("name", "")).strip()]
        if unnamed:
            problems.append(f"applications: {len(unnamed)} entries without a name")
        summary.append(f"{'applications':18} {'KNOWN':11} {len(applications)} installed")
    else:
        reason = str(facts.get("applicationsUnknownReason", "")).strip()
        if not reason:
            problems.append("applications: not known and no applicationsUnknownReason given")
        elif PERMISSION.search(reason):
            warnings.append(f"applications: unknown for a permission reason: {reason}")
        if applications:
            problems.append("applications: listed although applicationsKnown is false")
        summary.append(f"{'applications':18} {'UNKNOWN':11} {reason}")
    return problems, warnings, summary


def main(argv):
    parser = argparse.ArgumentParser(description="Check that every fact of a `fleet-agent scan` has a source or an honest UNKNOWN.")
    parser.add_argument("scan_output", help="file holding the scan's standard output")
    parser.add_argument("--platform", required=True, choices=("linux", "darwin", "win32"))
    args = parser.parse_args(argv)
    with open(args.scan_output, encoding="utf-8-sig", errors="replace") as f:
        problems, warnings, summary = inspect(f.read(), args.platform)
    for line in summary:
        print(line)
    for warning in warnings:
        print(f"::warning::{warning}")
    for problem in problems:
        print(f"::error::{problem}")
    print(f"{len(problems)} problem(s), {len(warnings)} warning(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
