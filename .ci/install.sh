#!/usr/bin/env bash
# The README's one install command: system packages the tests need, then the package itself.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-system-deps.sh
python -m pip install --quiet -e ".[dev,ocr,cluster]"
