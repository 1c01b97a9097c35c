// Computes circom witnesses with snarkjs for random satisfying inputs and writes them as .wtns files.
// usage: node witness.js OUTDIR COUNT SEED circuit[,circuit...]
// stdout: [{"circuit", "input", "wtns": path}...]
const path = require('path');
const snarkjs = require('snarkjs');
const { buildPoseidon } = require('circomlibjs');
const { randomInputs, circuitsDir } = require('./predicates');
const { emit, run } = require('./io');

async function main() {
  const [outDir, count, seed, list] = process.argv.slice(2);
  const names = list.split(',');
  const make = randomInputs(await buildPoseidon(), Number(seed));
  const out = [];
  for (let i = 0; i < Number(count); i++) {
    const circuit = names[i % names.length];
    const input = make[circuit]();
    const wtns = path.join(outDir, `${circuit}_${i}.wtns`);
    await snarkjs.wtns.calculate(input, path.join(circuitsDir, circuit, circuit + '.wasm'), wtns);
    out.push({ circuit, input, wtns });
  }
  await emit(out);
}

run(main);
