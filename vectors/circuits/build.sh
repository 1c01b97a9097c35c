#!/usr/bin/env bash
# Compiles the predicate circuits with the pinned circom2@0.2.23 and runs a small LOCAL Groth16 ceremony
# with the pinned snarkjs@0.7.6 (both from vectors/peers/node_modules).
#
# FOR TESTS ONLY. The only "contributions" are public random beacons with a fixed, published value, so the run is
# reproducible (the same inputs give byte-identical keys) and ANYONE can recompute the toxic waste and forge proofs.
# Production keys need a multi-party ceremony (a public powers-of-tau transcript plus independent phase-2
# contributions per circuit).
#
# Outputs, committed: <name>/<name>.r1cs, <name>/<name>.wasm, <name>/<name>.zkey, <name>/vk.json.
set -euo pipefail

# A fixed public beacon: sha256("govchain test-only ceremony"). Not secret, by design.
BEACON="$(printf 'govchain test-only ceremony' | sha256sum | cut -c1-64)"

HERE="$(cd "$(dirname "$0")" && pwd)"
VECTORS="$(dirname "$HERE")"
PEERS="$VECTORS/peers"
CIRCOM="$PEERS/node_modules/.bin/circom2"
SNARKJS="$PEERS/node_modules/.bin/snarkjs"
CIRCUITS=(score_at_least age_at_least value_at_most flag_is_zero)
# 2^11 constraints cover the largest predicate circuit (score_at_least) with room to spare.
POWER=11

if [ ! -x "$CIRCOM" ]; then (cd "$PEERS" && npm ci --no-audit --no-fund); fi

WORK="$HERE/.build"
mkdir -p "$WORK"
PTAU="$WORK/pot${POWER}_final.ptau"
if [ ! -f "$PTAU" ]; then
  "$SNARKJS" powersoftau new bn128 "$POWER" "$WORK/pot_0.ptau"
  "$SNARKJS" powersoftau beacon "$WORK/pot_0.ptau" "$WORK/pot_1.ptau" "$BEACON" 10 -n="govchain test-only beacon"
  "$SNARKJS" powersoftau prepare phase2 "$WORK/pot_1.ptau" "$PTAU"
fi

for name in "${CIRCUITS[@]}"; do
  out="$HERE/$name"
  mkdir -p "$out"
  # circom2 runs under WASI and only sees paths relative to its working directory, hence the cd.
  (cd "$VECTORS" && "$CIRCOM" "circuits/$name.circom" --r1cs --wasm -l peers/node_modules -o "circuits/.build")
  cp "$WORK/$name.r1cs" "$out/$name.r1cs"
  cp "$WORK/${name}_js/$name.wasm" "$out/$name.wasm"
  "$SNARKJS" groth16 setup "$out/$name.r1cs" "$PTAU" "$WORK/${name}_0.zkey"
  "$SNARKJS" zkey beacon "$WORK/${name}_0.zkey" "$out/$name.zkey" "$BEACON" 10 -n="govchain test-only beacon"
  "$SNARKJS" zkey export verificationkey "$out/$name.zkey" "$out/vk.json"
done
echo "built ${CIRCUITS[*]} (test-only ceremony; production needs a multi-party ceremony)"
