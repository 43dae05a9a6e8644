#!/usr/bin/env bash
# Build the PyInstaller bundle from packaging/bulletin_editor.spec (the spec the Windows
# installer uses) and run the frozen program:
#   --version                       prints the pyproject.toml version
#   export --sample -o X.docx       writes the canonical text of 2022 No. 28
#   import X.docx, stats            read the export back; read a workbook (docx reader, openpyxl)
#   FILE (offscreen window)         starts, and a second launch with a file hands it over and exits
# then prints the bundle's size and fails above BUNDLE_LIMIT_MB (default 150).
#
# Usage: bash packaging/check_bundle.sh      (PYTHON, BUNDLE_DIR, BUNDLE_LIMIT_MB may be set)
# Needs PyInstaller and the project installed in PYTHON's environment (`pip install -e ".[test]"`);
# it installs nothing itself.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-$(command -v python || command -v python3)}"
out="${BUNDLE_DIR:-$root/build/bundle}"
limit="${BUNDLE_LIMIT_MB:-150}"
canonical="${CANONICAL_TEXT:-$root/tests/data/canonical-2022-28.txt}"

fail() { echo "check_bundle: $*" >&2; exit 1; }

version="$("$python" -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' "$root/pyproject.toml")"
"$python" -c "import PyInstaller" 2>/dev/null || fail "PyInstaller is missing: $python -m pip install -e \".[test]\""
# The bundle carries the installed metadata (for --version), which must be this version's.
installed="$("$python" -c 'import importlib.metadata as m; print(m.version("bulletin-editor"))' 2>/dev/null || true)"
[ "$installed" = "$version" ] ||
  fail "bulletin-editor ${installed:-is not installed}${installed:+ is installed, pyproject.toml says $version}: $python -m pip install -e \".[test]\""

echo "check_bundle: building bulletin-editor $version into $out"
mkdir -p "$out"
if ! (cd "$root" && "$python" -m PyInstaller --noconfirm --log-level WARN \
      --distpath "$out/dist" --workpath "$out/work" packaging/bulletin_editor.spec) >"$out/pyinstaller.log" 2>&1; then
  tail -40 "$out/pyinstaller.log" >&2
  fail "PyInstaller failed (full log: $out/pyinstaller.log)"
fi
bundle="$out/dist/BulletinEditor"
exe="$bundle/BulletinEditor"

# The frozen program must not touch the real home: per-user folders go to a scratch HOME.
scratch="$(mktemp -d)"
editor_pid=""
cleanup() {
  if [ -n "$editor_pid" ]; then kill "$editor_pid" 2>/dev/null || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT
export HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/home/.config" XDG_DATA_HOME="$scratch/home/.local/share"
export XDG_STATE_HOME="$scratch/home/.local/state" XDG_CACHE_HOME="$scratch/home/.cache"
export QT_QPA_PLATFORM=offscreen BULLETIN_EDITOR_INSTANCE="bundle-check-$$"
# The editor's socket and listening marker go to Qt's temporary folder: the scratch one, which
# goes with it, since the check ends the editor with a kill.
export TMPDIR="$scratch/tmp"
mkdir -p "$HOME" "$scratch/work" "$TMPDIR"

# 1. --version
got="$(cd "$scratch/work" && timeout 60 "$exe" --version)" || fail "--version failed"
[ "$got" = "bulletin-editor $version" ] || fail "--version printed '$got', expected 'bulletin-editor $version'"
echo "check_bundle: --version ok ($got)"

# 2. export --sample: its text equals the canonical text, one paragraph a line
(cd "$scratch/work" && timeout 120 "$exe" export --sample -o sample.docx) || fail "export --sample failed"
"$python" - "$scratch/work/sample.docx" "$canonical" <<'EOF' || fail "the frozen export's text differs from the canonical text"
import difflib, sys
import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

document = docx.Document(sys.argv[1])
texts = []
for child in document.element.body.iterchildren():  # body order, table cells included
    if child.tag == qn("w:p"):
        texts.append(Paragraph(child, document).text)
    elif child.tag == qn("w:tbl"):
        texts += [p.text for row in Table(child, document).rows for cell in row.cells for p in cell.paragraphs]
texts = [t for t in texts if t]
canonical = [line.strip() for line in open(sys.argv[2], encoding="utf-8") if line.strip()]
if texts != canonical:
    sys.stdout.writelines(difflib.unified_diff([l + "\n" for l in canonical], [t + "\n" for t in texts],
                                               "canonical", "frozen export"))
    sys.exit(1)
EOF
echo "check_bundle: export --sample ok (text equals the canonical text)"

# 3. the other subcommands find their modules in the bundle: import (docx reader), stats (openpyxl)
(cd "$scratch/work" && timeout 60 "$exe" sample -o sample.bulletin &&
  timeout 60 "$exe" import sample.docx -o imported.bulletin >/dev/null) || fail "import of the export failed"
cmp -s "$scratch/work/sample.bulletin" "$scratch/work/imported.bulletin" ||
  fail "importing the exported sample did not give back the sample"
(cd "$scratch/work" && timeout 60 "$exe" stats-template -o blank.xlsx) || fail "stats-template failed"
status=0
(cd "$scratch/work" && timeout 60 "$exe" stats blank.xlsx) 2>"$scratch/stats.err" >/dev/null || status=$?
# A blank workbook is a user error: exit 1 and one line naming the empty cell, not a traceback.
[ "$status" -eq 1 ] && [ "$(wc -l <"$scratch/stats.err")" -eq 1 ] && ! grep -q Traceback "$scratch/stats.err" ||
  { cat "$scratch/stats.err" >&2; fail "stats on a blank workbook did not fail cleanly"; }
echo "check_bundle: import and stats ok"

# 4. the window starts, and a second launch hands its file to it and exits
(cd "$scratch/work" && timeout 60 "$exe" sample -o first.bulletin && cp first.bulletin second.bulletin) ||
  fail "sample -o failed"
(cd "$scratch/work" && exec "$exe" first.bulletin) >"$scratch/editor.out" 2>&1 &
editor_pid=$!
log=""
for _ in $(seq 1 120); do
  log="$(find "$HOME" -name bulletin-editor.log 2>/dev/null | head -1)"
  if [ -n "$log" ] && grep -q "listening for other launches" "$log"; then break; fi
  kill -0 "$editor_pid" 2>/dev/null || { cat "$scratch/editor.out" >&2; fail "the frozen editor exited at start"; }
  sleep 0.5
done
[ -n "$log" ] && grep -q "listening for other launches" "$log" || fail "the frozen editor did not start listening in 60 s"
(cd "$scratch/work" && timeout 60 "$exe" second.bulletin) || fail "the second launch did not hand its file over and exit"
for _ in $(seq 1 20); do
  grep -q "handed over '$scratch/work/second.bulletin'" "$log" && break
  sleep 0.5
done
grep -q "handed over '$scratch/work/second.bulletin'" "$log" || fail "the running editor did not receive the file"
kill -0 "$editor_pid" 2>/dev/null || fail "the frozen editor died after the hand-over"
if grep -q "unhandled exception" "$log"; then cat "$log" >&2; fail "the frozen editor logged an unhandled exception"; fi
echo "check_bundle: editor ok (started; a second launch handed its file over)"

# 5. Qt's texts in Chinese travel along, its other languages do not
[ -n "$(find "$bundle" -name qtbase_zh_CN.qm)" ] || fail "qtbase_zh_CN.qm is missing from the bundle"
[ -z "$(find "$bundle" -name 'qtbase_*.qm' ! -name qtbase_zh_CN.qm)" ] || fail "other Qt translations are bundled"

# 6. size
size_mb="$(du -sm "$bundle" | cut -f1)"
echo "check_bundle: bundle size ${size_mb} MB ($bundle; aim under ${limit} MB)"
[ "$size_mb" -le "$limit" ] || fail "the bundle is ${size_mb} MB, over ${limit} MB"
echo "check_bundle: all checks passed"
