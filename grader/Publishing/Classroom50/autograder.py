#!/usr/bin/env python3
"""Classroom 50 autograder for the Coursework kit (written by `publish --classroom50`).

Classroom 50's runner (runner.py in the classroom's config repository) runs this once per submission, in the
student's checkout, with CLASSROOM, ASSIGNMENT, SUBMISSION_TAG, OWNER, ASSIGNMENT_TYPE, COMMIT_URL, RELEASE_URL and
REVIEW_URL set, then reads ./result.json (schema classroom50/result/v1). This file and the hidden tests beside it are
the assignment's bundle: CLASSROOM/autograders/ASSIGNMENT/ in that repository, which the runner unpacks next to it.

It puts the hidden tests into the checkout (hidden-tests/ and the judge's oracles, judge/Oracles/), installs the .NET 10 SDK if the runner has none,
gives bubblewrap the AppArmor profile Ubuntu 24.04 needs (so student code runs sandboxed), and runs the checkout's
grader with --format classroom50=result.json. Exit 0: the grader wrote result.json (a compiler error included: the
result says so, score 0). Exit 1: the grader could not run or did not finish within DEADLINE_SECONDS; result.json
then still is a valid result (score 0, one failed test per task saying why), and the runner reports the submission as
an error.
"""

from __future__ import annotations

import datetime
import json
import os
import pathlib
import shlex
import shutil
import subprocess
import sys
import signal
import tempfile
import time
import urllib.request

HERE = pathlib.Path(__file__).resolve().parent
CHECKOUT = pathlib.Path.cwd()
RESULT = CHECKOUT / "result.json"
RELEASE_BODY = CHECKOUT / "release-body.md"
# More grader options, e.g. ["--hide-messages"] (names and points only); COURSEWORK_GRADER_OPTIONS adds to them.
GRADER_OPTIONS: list[str] = []
# Classroom 50 kills the grade job after 15 minutes (timeout-minutes: 15 of its grade job in
# cli/gh-teacher/skeleton/dotgithub/workflows/autograde-runner.yaml of foundation50/classroom50), and its runner.py
# waits for this script with no limit of its own: a job killed there leaves no result at all. The job checks out,
# installs the runtime's packages and fetches runner.py and this bundle before it starts this script (about a
# minute), and validates result.json and publishes the Release after it. So this script gives up 12 minutes after it
# starts, stops the grader, and writes its fallback result with minutes to spare. COURSEWORK_DEADLINE_SECONDS
# overrides it, to try the fallback.
DEADLINE_SECONDS = int(os.environ.get("COURSEWORK_DEADLINE_SECONDS") or 12 * 60)
STARTED = time.monotonic()
RELEASE_BODY_MAX_CHARS = 100_000


class GradingFailed(Exception):
    """The grader could not grade (not the student's code failing: that is a result)."""


def log(message: str) -> None:
    print(f"autograder: {message}", flush=True)


def seconds_left() -> float:
    return max(1.0, DEADLINE_SECONDS - (time.monotonic() - STARTED))


def out_of_time() -> str:
    return f"grading did not finish within {DEADLINE_SECONDS} s, the time this autograder allows itself inside Classroom 50's 15-minute job"


def hidden_tests_in_place() -> None:
    """Copies the bundle's hidden-tests/Task*/ and judge/Oracles/ into the checkout, at the same paths."""
    tests = HERE / "hidden-tests"
    if not (CHECKOUT / "grader" / "assignment.json").is_file():
        raise GradingFailed("the repository has no grader/assignment.json: it is not the coursework's template")
    if not tests.is_dir():
        raise GradingFailed("the autograder's bundle has no hidden tests (hidden-tests/ beside autograder.py)")
    folders = [folder for folder in sorted(tests.iterdir()) if folder.is_dir()]
    if (HERE / "judge" / "Oracles").is_dir():
        folders.append(HERE / "judge" / "Oracles")
    for folder in folders:
        target = CHECKOUT / folder.relative_to(HERE)
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(folder, target)


def has_sdk(dotnet: str) -> bool:
    try:
        sdks = subprocess.run([dotnet, "--list-sdks"], capture_output=True, text=True, timeout=120, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return any(line.startswith("10.") for line in sdks.splitlines())


def ensure_dotnet() -> str:
    """A dotnet with a .NET 10 SDK: the runner's, or one installed with Microsoft's dotnet-install script."""
    found = shutil.which("dotnet")
    if found and has_sdk(found):
        return found
    install_dir = pathlib.Path.home() / ".dotnet"
    dotnet = install_dir / "dotnet"
    if not has_sdk(str(dotnet)):
        log("installing the .NET 10 SDK with dotnet-install.sh")
        script = pathlib.Path(tempfile.gettempdir()) / "dotnet-install.sh"
        try:
            with urllib.request.urlopen("https://dot.net/v1/dotnet-install.sh", timeout=120) as response:
                script.write_bytes(response.read())
        except OSError as error:
            raise GradingFailed(f"cannot download dotnet-install.sh ({error})") from error
        try:
            subprocess.run(["bash", str(script), "--channel", "10.0", "--install-dir", str(install_dir)], check=False,
                           timeout=seconds_left())
        except subprocess.TimeoutExpired as error:
            raise GradingFailed(out_of_time()) from error
        if not has_sdk(str(dotnet)):
            raise GradingFailed("the .NET 10 SDK could not be installed")
    os.environ["DOTNET_ROOT"] = str(install_dir)
    os.environ["PATH"] = f"{install_dir}{os.pathsep}{os.environ.get('PATH', '')}"
    return str(dotnet)


def sandbox_profile() -> None:
    """Best effort: Ubuntu 24.04 lets bwrap create user namespaces only with an AppArmor profile (needs sudo)."""
    restricted = pathlib.Path("/proc/sys/kernel/apparmor_restrict_unprivileged_userns")
    if not shutil.which("bwrap") or not restricted.is_file() or restricted.read_text().strip() != "1":
        return
    profile = "abi <abi/4.0>,\ninclude <tunables/global>\nprofile bwrap /usr/bin/bwrap flags=(unconfined) {\n  userns,\n}\n"
    try:
        subprocess.run(["sudo", "-n", "tee", "/etc/apparmor.d/bwrap"], input=profile, text=True,
                       capture_output=True, timeout=60, check=True)
        subprocess.run(["sudo", "-n", "apparmor_parser", "-r", "/etc/apparmor.d/bwrap"], capture_output=True, timeout=60, check=True)
    except (OSError, subprocess.SubprocessError):
        log("could not give bwrap its AppArmor profile: student code runs without the sandbox")


def grade(dotnet: str) -> None:
    options = GRADER_OPTIONS + shlex.split(os.environ.get("COURSEWORK_GRADER_OPTIONS", ""))
    command = [dotnet, "run", "--project", "grader", "--", "--out", "grading/result.json",
               "--format", f"classroom50={RESULT}", *options]
    log(" ".join(command))
    env = dict(os.environ, DOTNET_CLI_TELEMETRY_OPTOUT="1", DOTNET_NOLOGO="1", DOTNET_SKIP_FIRST_TIME_EXPERIENCE="1")
    # The runner stamps owner and assignment_type itself but refuses a file without them; it passes the owner as
    # USERNAME or OWNER, and REVIEW_URL falls back to the commit.
    env.setdefault("OWNER", env.get("USERNAME", ""))
    env.setdefault("ASSIGNMENT_TYPE", "individual")
    env.setdefault("REVIEW_URL", env.get("COMMIT_URL", ""))
    # A session of its own, so that at the deadline the grader and every process it started stop together and none
    # writes a result after the fallback.
    grader = subprocess.Popen(command, cwd=CHECKOUT, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _, stderr = grader.communicate(timeout=seconds_left())
    except subprocess.TimeoutExpired as error:
        os.killpg(grader.pid, signal.SIGKILL)
        grader.wait()
        raise GradingFailed(out_of_time()) from error
    sys.stderr.write(stderr)
    if grader.returncode != 0 or not RESULT.is_file():
        first = next((line for line in stderr.splitlines() if line.strip()), f"exit code {grader.returncode}")
        raise GradingFailed(f"the grader failed: {first.removeprefix('grader: ')}")


def problem_with(result: object) -> str | None:
    """What Classroom 50's validators would refuse in a result (their structural checks), or None."""
    if not isinstance(result, dict) or result.get("schema") != "classroom50/result/v1":
        return "not a classroom50/result/v1 object"
    for field in ("classroom", "assignment", "owner", "submission", "commit", "release", "review", "datetime"):
        if not isinstance(result.get(field), str) or not result[field]:
            return f"'{field}' is missing"
    score, maximum = result.get("score"), result.get("max-score")
    if type(score) is not int or type(maximum) is not int or not 0 <= score <= maximum:
        return "score and max-score must be whole numbers with 0 <= score <= max-score"
    tests = result.get("tests")
    if not isinstance(tests, list):
        return "'tests' is not a list"
    for test in tests:
        if (not isinstance(test, dict) or not test.get("test-name") or type(test.get("passed")) is not bool
                or type(test.get("score")) is not int or type(test.get("max-score")) is not int
                or not 0 <= test["score"] <= test["max-score"]):
            return f"a test is malformed: {test!r}"
    return None


def fallback(reason: str) -> None:
    """A valid result with score 0: one failed test per graded task, each saying why nothing was graded."""
    tasks = []
    try:
        manifest = json.loads((CHECKOUT / "grader" / "assignment.json").read_text(encoding="utf-8"))
        tasks = [task for task in manifest["tasks"] if task.get("enabled", True) and not task.get("bonus", False)]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    tests = [{"test-name": f"Task {task['id']}: {task['name']}", "passed": False, "score": 0,
              "max-score": int(task["points"]), "message": f"Not graded: {reason}"} for task in tasks]
    commit = os.environ.get("COMMIT_URL", "")
    result = {
        "schema": "classroom50/result/v1",
        "classroom": os.environ.get("CLASSROOM", ""),
        "assignment": os.environ.get("ASSIGNMENT", ""),
        "assignment_type": os.environ.get("ASSIGNMENT_TYPE") or "individual",
        "owner": os.environ.get("OWNER") or os.environ.get("USERNAME", ""),
        "submission": os.environ.get("SUBMISSION_TAG", ""),
        "commit": commit,
        "release": os.environ.get("RELEASE_URL", ""),
        "review": os.environ.get("REVIEW_URL") or commit,
        "datetime": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "score": 0,
        "max-score": sum(test["max-score"] for test in tests),
        "tests": tests,
    }
    RESULT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    RELEASE_BODY.write_text(f"### Coursework: not graded\n\n{reason}\n", encoding="utf-8")


def release_body() -> None:
    """The grader's markdown report (a table per task, each lost point and why, the loss chart) as the Release body."""
    report = CHECKOUT / "grading" / "report.md"
    if report.is_file():
        text = report.read_text(encoding="utf-8")
        if len(text) > RELEASE_BODY_MAX_CHARS:
            text = text[:RELEASE_BODY_MAX_CHARS] + "\n\n(The report is cut here; the full one is in the workflow's log.)\n"
        RELEASE_BODY.write_text(text, encoding="utf-8")


def main() -> int:
    # Whatever the checkout holds under these names is not a result of this grading.
    for stale in (RESULT, RELEASE_BODY):
        stale.unlink(missing_ok=True)
    try:
        hidden_tests_in_place()
        dotnet = ensure_dotnet()
        sandbox_profile()
        grade(dotnet)
        problem = problem_with(json.loads(RESULT.read_text(encoding="utf-8")))
        if problem is not None:
            raise GradingFailed(f"the grader's result.json would be refused: {problem}")
    except (GradingFailed, OSError, ValueError) as error:
        log(f"not graded: {error}")
        print(f"::error::{error}", file=sys.stderr)
        fallback(str(error))
        return 1
    release_body()
    log(f"graded: {RESULT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
