#!/usr/bin/env bash
# Runs the commands of README.md's "Each user's path, by hand" verbatim in a scratch directory, against a fresh
# network, and fails on the first command that fails. Lines with "…" are illustrations and are skipped; `net up` and
# `service run` are started in the background. Needs curl, jq, xxd and openssl, and a built CLI
# (dotnet build cli -c Release). Usage: scripts/check-readme-paths.sh [scratch-dir]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dll="$root/cli/bin/Release/net10.0/govchain.dll"
[ -f "$dll" ] || { echo "build the CLI first: dotnet build $root/cli -c Release" >&2; exit 2; }
scratch=${1:-$(mktemp -d)}
mkdir -p "$scratch" && cd "$scratch"
[ -z "$(ls -A .)" ] || { echo "$scratch is not empty" >&2; exit 2; }

python3 - "$root/README.md" "$dll" > run.sh <<'PY'
import re, sys
readme, dll = sys.argv[1], sys.argv[2]
text = open(readme, encoding="utf-8").read()
section = text[text.index("## Each user's path, by hand"):text.index("## Tests")]
print("set -euo pipefail")
print(f'govchain() {{ dotnet "{dll}" "$@"; }}')
for block in re.findall(r"```bash\n(.*?)```", section, re.S):
    for line in block.splitlines():
        if "…" in line:
            continue
        if line.startswith("govchain net up"):
            line = f'(setsid dotnet "{dll}" net up --validators 4 --dir net > netup.log 2>&1 &); sleep 10'
        elif line.startswith("govchain service run"):
            line = (f'(setsid dotnet "{dll}" service run --config svc/service.json > svc.log 2>&1 &); '
                    'for i in $(seq 90); do curl -sf http://127.0.0.1:7301/healthz > /dev/null && break; sleep 1; done')
        print(line)
PY

cleanup() { pkill -f "service run --config svc/service.json" || true; pkill -f "net up --validators 4 --dir net" || true; }
trap cleanup EXIT
bash run.sh
echo "README paths: every command succeeded (scratch $scratch)"
