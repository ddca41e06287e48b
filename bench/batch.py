"""Makes N mixed submissions for `bench/run`'s batch measure, from the reference and the golden scenarios.

Usage: python3 bench/batch.py KIT OUT N         makes the submissions
       python3 bench/batch.py --phases RESULTS   sums the per-phase timings of a batch's results (COURSEWORK_TIMINGS=1)

Each submission holds the reference files of tasks 1-4 with one scenario's files on top (its `*.cs` files, the files
its `*.cs.from` name in another scenario, and its `*.cs.change` blocks applied to the reference file), as
kit-tests/ScenarioFiles.cs does: correct code (the reference, the `correct-*` variants), typical bugs (partial
marks), a compile error, and a partial submission with
only two files (the rest comes from the skeleton). Scenarios with an `args` file (other tasks, other limits) and
code that misbehaves (hangs, crashes, attacks) are left out: their grading time is their time limits. Every third
submission is a zip of a whole repository-like tree instead of a folder.
"""
import os
import shutil
import sys
import zipfile

TASKS = {"Affine.cs": "Task1_Affine", "ReLU.cs": "Task2_ReLU", "CrossEntropy.cs": "Task3_CrossEntropy",
         "FeedforwardNet.cs": "Task4_FeedforwardNet"}
KINDS = ("affine-", "relu-", "crossentropy-", "feedforward-", "correct-affine", "correct-relu",
         "correct-crossentropy", "correct-feedforward", "compile-error")


def apply(reference, change, where):
    newline = "\r\n" if "\r\n" in reference else "\n"
    lines = change.replace("\r\n", "\n").split("\n")
    result = reference
    for i, line in enumerate(lines):
        if line != "<<<<<<< reference":
            continue
        middle = lines.index("=======", i + 1)
        end = lines.index(">>>>>>> scenario", i + 1)
        find = newline.join(lines[i + 1:middle]) + newline
        replace = newline.join(lines[middle + 1:end]) + (newline if end > middle + 1 else "")
        if result.count(find) != 1:
            sys.exit(f"bench: {where}: a block is not found exactly once in the reference")
        result = result.replace(find, replace)
    return result


def files_of(kit, scenario):
    """The scenario's files: name -> text."""
    folder = os.path.join(kit, "kit-tests", "Scenarios", scenario)
    files = {}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.endswith(".cs"):
            files[name] = open(path, encoding="utf-8").read()
        elif name.endswith(".cs.from"):
            # Another scenario's whole file, as ScenarioFiles.cs takes it.
            target = name[:-len(".from")]
            other = open(path, encoding="utf-8").read().strip()
            files[target] = open(os.path.join(kit, "kit-tests", "Scenarios", other, target), encoding="utf-8").read()
        elif name.endswith(".cs.change"):
            target = name[:-len(".change")]
            reference = open(os.path.join(kit, "solutions", TASKS[target], target), encoding="utf-8").read()
            files[target] = apply(reference, open(path, encoding="utf-8").read(), path)
    return files


def phases(results):
    """Seconds per phase over all results, each task's phases added up across tasks, largest first."""
    import json
    import re
    totals, graded = {}, 0
    for name in sorted(os.listdir(results)):
        if not name.endswith(".json"):
            continue
        timings = json.load(open(os.path.join(results, name), encoding="utf-8")).get("timings") or []
        graded += 1 if timings else 0
        for phase in timings:
            name = phase["phase"]
            # Indented phases are steps of the compile phase above them (both hosts' steps add up here).
            key = ("compile step: " + name.strip()) if name.startswith("  ") else re.sub(r"^task \d+: ", "each task: ", name)
            totals[key] = totals.get(key, 0.0) + phase["seconds"]
    for key, seconds in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"batch_phase {key}: {seconds:.1f} s in all, {seconds / max(graded, 1):.2f} s per submission")


def main():
    if sys.argv[1] == "--phases":
        phases(sys.argv[2])
        return
    kit, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    scenarios_folder = os.path.join(kit, "kit-tests", "Scenarios")
    scenarios = ["reference"] + sorted(
        s for s in os.listdir(scenarios_folder)
        if s.startswith(KINDS) and not os.path.exists(os.path.join(scenarios_folder, s, "args")))
    scenarios.append("partial")
    reference = {name: open(os.path.join(kit, "solutions", folder, name), encoding="utf-8").read() for name, folder in TASKS.items()}
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    for i in range(count):
        scenario = scenarios[i % len(scenarios)]
        if scenario == "partial":
            files = {name: reference[name] for name in ("Affine.cs", "ReLU.cs")}
        else:
            files = dict(reference)
            if scenario != "reference":
                files.update(files_of(kit, scenario))
        student = f"student{i:03d}-{scenario}"
        if i % 3 == 2:
            with zipfile.ZipFile(os.path.join(out, student + ".zip"), "w") as archive:
                for name, text in files.items():
                    archive.writestr(f"coursework-main/exercises/{TASKS.get(name, 'Extra')}/{name}", text)
                archive.writestr("coursework-main/README.md", "a student's repository\n")
        else:
            os.makedirs(os.path.join(out, student))
            for name, text in files.items():
                with open(os.path.join(out, student, name), "w", encoding="utf-8") as file:
                    file.write(text)
    print(f"bench: {count} submissions from {len(scenarios)} kinds: {', '.join(scenarios)}")


if __name__ == "__main__":
    main()
