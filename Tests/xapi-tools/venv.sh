#!/usr/bin/env bash
# Creates (once) the Python virtual environment of the xAPI tests and prints its python.
#
#   Tests/xapi-tools/venv.sh [FOLDER]     default: .build/xapi-venv in the package root
#
# It installs requirements.txt (every version pinned) with pip from PyPI. Run again, it
# does nothing while requirements.txt is unchanged. Several runs at once wait for each
# other (flock), so tests running in parallel may all call it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${1:-${COACH_XAPI_VENV:-$root/.build/xapi-venv}}"
requirements="$here/requirements.txt"
python="${PYTHON:-python3}"

mkdir -p "$(dirname "$venv")"
exec 9>"$venv.lock"
flock 9

stamp="$venv/.requirements.sha256"
want="$(sha256sum "$requirements" | cut -d' ' -f1)"
if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "$venv/bin/python"
  exit 0
fi

command -v "$python" >/dev/null || { echo "venv.sh: $python is not installed (Debian: python3 python3-venv)" >&2; exit 1; }
rm -rf "$venv"
"$python" -m venv "$venv" >&2 || { echo "venv.sh: cannot create a virtual environment at $venv (Debian: python3-venv)" >&2; exit 1; }
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$requirements" >&2 \
  || { echo "venv.sh: pip could not install $requirements into $venv" >&2; exit 1; }
"$venv/bin/python" -c "import ralph.models.xapi.base.statements, ralph.cli, fastapi, uvicorn, bcrypt, requests" >&2 \
  || { echo "venv.sh: ralph does not import in $venv" >&2; exit 1; }
echo "$want" > "$stamp"
echo "$venv/bin/python"
