#!/bin/bash
# SPDX-License-Identifier: MIT
# The man page documents every option every command's --help lists, so the two cannot drift apart.
# Usage: test_manpage.sh RECIPROCAL MANPAGE
set -euo pipefail
reciprocal=$1
page=$2
missing=()
for command in train eval export prune edit sweep experiment "experiment merge" plot bench gui; do
    # shellcheck disable=SC2086 # "experiment merge" is two words on purpose
    for option in $("$reciprocal" $command --help | sed -n 's/^  --\([a-z0-9-]*\).*/\1/p'); do
        grep -qF -- "\\-\\-${option//-/\\-}" "$page" || missing+=("$command --$option")
    done
done
if [ ${#missing[@]} -gt 0 ]; then
    printf 'FAIL: the man page lacks %s\n' "${missing[@]}"
    exit 1
fi
echo "1 passed, 0 failed"
