// Makes fresh Groth16 proofs with snarkjs for random satisfying inputs of the predicate circuits, in one node process.
// usage: node prove_random.js COUNT SEED [circuit,circuit,...]
// stdout: [{"circuit", "input", "proof", "publicSignals"}...]; witnesses come from a seeded PRNG, the proof
// randomness from snarkjs itself.
const path = require('path');
const snarkjs = require('snarkjs');
const { buildPoseidon } = require('circomlibjs');
const { randomInputs, circuitsDir } = require('./predicates');
const { emit, run } = require('./io');

async function main() {
  const count = Number(process.argv[2] || 50);
  const seed = Number(process.argv[3] || 1);
  const names = (process.argv[4] || 'score_at_least,age_at_least,value_at_most,flag_is_zero').split(',');
  const poseidon = await buildPoseidon();
  const make = randomInputs(poseidon, seed);
  const out = [];
  for (let i = 0; i < count; i++) {
    const circuit = names[i % names.length];
    const input = make[circuit]();
    const dir = path.join(circuitsDir, circuit);
    const { proof, publicSignals } = await snarkjs.groth16.fullProve(
      input, path.join(dir, circuit + '.wasm'), path.join(dir, circuit + '.zkey'));
    out.push({ circuit, input, proof, publicSignals });
  }
  await emit(out);
}

run(main);
