// Random satisfying inputs for the predicate circuits (Poseidon commitments by circomlibjs).
// usage: node inputs.js COUNT SEED circuit[,circuit...]; stdout: [{"circuit", "input"}...]
const { buildPoseidon } = require('circomlibjs');
const { randomInputs } = require('./predicates');
const { emit, run } = require('./io');

async function main() {
  const [count, seed, list] = process.argv.slice(2);
  const names = list.split(',');
  const make = randomInputs(await buildPoseidon(), Number(seed));
  const out = [];
  for (let i = 0; i < Number(count); i++) {
    const circuit = names[i % names.length];
    out.push({ circuit, input: make[circuit]() });
  }
  await emit(out);
}

run(main);
