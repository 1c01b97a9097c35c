// Verifies Groth16 proofs with snarkjs in one node process.
// stdin: [{"vk": path, "proof": {...}, "publicSignals": [...]}...]; stdout: [true|false...]
const fs = require('fs');
const snarkjs = require('snarkjs');
const { emit, run } = require('./io');

async function main() {
  const cases = JSON.parse(fs.readFileSync(0, 'utf8'));
  const keys = {};
  const results = [];
  for (const c of cases) {
    keys[c.vk] = keys[c.vk] || JSON.parse(fs.readFileSync(c.vk, 'utf8'));
    results.push(await snarkjs.groth16.verify(keys[c.vk], c.publicSignals, c.proof));
  }
  await emit(results);
}

run(main);
