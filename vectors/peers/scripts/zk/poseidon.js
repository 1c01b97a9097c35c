// Oracle: circomlibjs@0.1.7 Poseidon. stdin: [[input...]...] decimal strings; stdout: [hash...] decimal strings.
const { buildPoseidon } = require('circomlibjs');
const { emit, run } = require('./io');

async function main() {
  const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  const poseidon = await buildPoseidon();
  await emit(cases.map((c) => poseidon.F.toString(poseidon(c.map(BigInt)))));
}

run(main);
