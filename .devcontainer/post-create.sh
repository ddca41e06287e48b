#!/usr/bin/env bash
# Runs once when the dev container (Codespaces, VS Code's Dev Containers) is created: the Debian packages the grader
# and the training pictures use, then a restore and a build, so that the test explorer lists the public tests at once.
set -euo pipefail
cd "$(dirname "$0")/.."
# bubblewrap: the grader runs student code in its sandbox when it can; a font: the pictures' text (the image has none).
sudo apt-get update -qq
sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap fonts-dejavu-core >/dev/null
dotnet restore Coursework.sln
dotnet build Coursework.sln --no-restore -v:q -nologo
echo "Ready: run 'dotnet test', or open the Testing view (the flask icon) for the public tests."
