#!/usr/bin/env bash
# Builds the benchmark-only synthetic circuit (about 2^16 constraints) into vectors/circuits/.build/synthetic_2_16/.
# Not committed (the .zkey is tens of MB) and not used by the default tests; `govchain bench zk` uses it when present.
# Same TEST-ONLY public-beacon ceremony as build.sh: anyone can recompute the toxic waste. Production needs a
# multi-party ceremony.
set -euo pipefail

# A fixed public beacon: sha256("govchain test-only ceremony"). Not secret, by design.
BEACON="$(printf 'govchain test-only ceremony' | sha256sum | cut -c1-64)"

HERE="$(cd "$(dirname "$0")" && pwd)"
VECTORS="$(dirname "$HERE")"
PEERS="$VECTORS/peers"
SNARKJS="$PEERS/node_modules/.bin/snarkjs"
NAME=synthetic_2_16
# 60,000 constraints plus the public signals fit a 2^16 domain, so a 2^16 ceremony suffices (2^17 took >25 min).
POWER=16
WORK="$HERE/.build"
OUT="$WORK/$NAME"
mkdir -p "$OUT"

PTAU="$WORK/pot${POWER}_final.ptau"
if [ ! -f "$PTAU" ]; then
  "$SNARKJS" powersoftau new bn128 "$POWER" "$WORK/pot${POWER}_0.ptau"
  "$SNARKJS" powersoftau beacon "$WORK/pot${POWER}_0.ptau" "$WORK/pot${POWER}_1.ptau" "$BEACON" 10 -n="govchain test-only beacon"
  # Written under a temporary name so an interrupted run is never mistaken for a finished one.
  "$SNARKJS" powersoftau prepare phase2 "$WORK/pot${POWER}_1.ptau" "$PTAU.partial"
  mv "$PTAU.partial" "$PTAU"
fi

(cd "$VECTORS" && "$PEERS/node_modules/.bin/circom2" "circuits/$NAME.circom" --r1cs --wasm -l peers/node_modules -o "circuits/.build")
cp "$WORK/${NAME}_js/$NAME.wasm" "$OUT/$NAME.wasm"
cp "$WORK/$NAME.r1cs" "$OUT/$NAME.r1cs"
"$SNARKJS" groth16 setup "$OUT/$NAME.r1cs" "$PTAU" "$OUT/${NAME}_0.zkey"
"$SNARKJS" zkey beacon "$OUT/${NAME}_0.zkey" "$OUT/$NAME.zkey" "$BEACON" 10 -n="govchain test-only beacon"
"$SNARKJS" zkey export verificationkey "$OUT/$NAME.zkey" "$OUT/vk.json"
rm "$OUT/${NAME}_0.zkey"
echo "built $NAME (benchmark only; test-only ceremony)"
