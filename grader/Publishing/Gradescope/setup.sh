#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (an Ubuntu base image; it has already run
# apt-get update). The zip's contents, the kit, are in /autograder/source. It installs what grading needs (bubblewrap,
# the .NET 10 SDK when the image has none), restores the packages, builds the grader once and grades the reference
# solutions as a check: an image whose grader cannot give the reference full marks fails here, not on students.
# AUTOGRADER_ROOT (default /autograder) moves the whole tree, for a trial run outside Gradescope.
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
SOURCE="$ROOT/source"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No build server or compiler process outlives this script (the image is saved when it ends).
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 UseSharedCompilation=false
read -r -a OPTIONS <<<"${COURSEWORK_GRADER_OPTIONS:-}"

apt_install() { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"; }

# The grader runs student code in a bubblewrap sandbox where namespaces are allowed, and needs setpriv and prlimit
# (util-linux) for the container tier where they are not.
for tool in bwrap:bubblewrap setpriv:util-linux prlimit:util-linux; do
  if ! command -v "${tool%%:*}" >/dev/null 2>&1; then
    echo "setup: installing ${tool#*:}"
    apt_install "${tool#*:}"
  fi
done

# The .NET 10 SDK, with Microsoft's dotnet-install script, into /usr/share/dotnet (the sandbox shows /usr read-only).
if ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
  echo "setup: installing the .NET 10 SDK"
  apt_install ca-certificates curl libicu-dev
  curl -fsSL --retry 3 https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh
  bash /tmp/dotnet-install.sh --channel 10.0 --install-dir /usr/share/dotnet
  ln -sf /usr/share/dotnet/dotnet /usr/bin/dotnet
  rm -f /tmp/dotnet-install.sh
fi
dotnet --version

cd "$SOURCE"
echo "setup: restoring packages and building the grader"
dotnet restore Coursework.sln -v:minimal
dotnet build grader --no-restore -v:minimal -clp:NoSummary

GRADER="$SOURCE/artifacts/exercises/bin/Coursework.Grader/debug/Coursework.Grader.dll"
echo "setup: grading the reference solutions (it must get full marks)"
check=$(mktemp -d)
dotnet "$GRADER" --solutions --out "$check/result.json" "${OPTIONS[@]}"
if ! grep -q '"status": "pass"' "$check/result.json"; then
  echo "setup: the reference solutions did not get full marks: this autograder would grade students wrongly" >&2
  exit 1
fi
rm -rf "$check"

# Student code is graded only in a sandbox (run_autograder refuses otherwise), so say now which one works here:
# namespaces (bubblewrap) where the image allows them, else the container tier (Gradescope's Docker forbids new
# namespaces; the grader, as root, runs student code as a user of its own). Gradescope runs both scripts as root.
if sandbox=$(dotnet "$GRADER" sandbox); then
  echo "setup: $sandbox"
else
  echo "setup: WARNING: $sandbox; run_autograder will give every submission 0 with a message saying so" >&2
fi
echo "setup: done"
