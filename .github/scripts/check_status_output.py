#!/usr/bin/env python3
"""Inspects the standard output and exit code of `fleet-agent status` run against ci-policy.json.

Passes when status evaluated the stored policy (exit 0 compliant or 1 not compliant; 3 means the
stored policy was not usable), printed the upgrade prompt with the download link (ci-policy.json
asks for agent 999.0.0, so every build is too old), and printed one row per check of that policy
with a status and a detail (an UNKNOWN with no detail is not honest).

Usage: check_status_output.py STATUS_STDOUT_FILE EXIT_CODE
"""
import re
import sys

CHECKS = ("osVersion", "firewall", "diskEncryption", "automaticUpdates", "screenLock", "screenIdle", "remoteLogin")
DOWNLOAD_URL = "https://fleet.example/downloads/"
ROW = re.compile(r"^(?P<check>\S+)\s+(?P<status>PASS|NUDGE|FAIL|UNKNOWN|UNSUPPORTED)(?: \(waived\))?\s+(?P<detail>.*)$")


def inspect(text, exit_code):
    problems = []
    if exit_code not in (0, 1):
        problems.append(f"exit code {exit_code}: status did not evaluate the stored policy (0 compliant, 1 not compliant)")
    lines = text.splitlines()
    if not any(line.startswith("UPGRADE REQUIRED") for line in lines):
        problems.append("no upgrade prompt although the stored policy requires agent 999.0.0")
    if DOWNLOAD_URL not in text:
        problems.append(f"the download link {DOWNLOAD_URL} is not shown")
    if not any(line.startswith("Device status: ") for line in lines):
        problems.append("no 'Device status:' line")
    rows = {}
    for line in lines:
        match = ROW.match(line)
        if match and match["check"] in CHECKS:
            rows[match["check"]] = (match["status"], match["detail"].strip())
    for check in CHECKS:
        if check not in rows:
            problems.append(f"{check}: no row")
        elif not rows[check][1]:
            problems.append(f"{check}: {rows[check][0]} without a detail")
    return problems, rows


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8-sig", errors="replace") as f:
        problems, rows = inspect(f.read(), int(argv[1]))
    for check, (status, detail) in rows.items():
        print(f"{check:18} {status:11} {detail}")
    for problem in problems:
        print(f"::error::{problem}")
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
