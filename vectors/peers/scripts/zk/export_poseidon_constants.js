// Exports circomlib's Poseidon constants for t = 2..7 (1..6 inputs) to vectors/zk/poseidon_constants.json.
// Source: circomlibjs@0.1.7 src/poseidon_constants.js, which circomlib's poseidon_constants.circom mirrors; the
// values come from the Poseidon authors' Grain-LFSR reference script (generate_parameters_grain.sage).
// usage: node export_poseidon_constants.js [OUT]
const fs = require('fs');
const path = require('path');

const out = process.argv[2] || path.resolve(__dirname, '../../../zk/poseidon_constants.json');
const { C, M } = JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve('circomlibjs')), '../src/poseidon_constants.json'), 'utf8'));
const N_ROUNDS_P = [56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68];
const widths = [];
for (let t = 2; t <= 7; t++) {
  widths.push({ t, fullRounds: 8, partialRounds: N_ROUNDS_P[t - 2], C: C[t - 2], M: M[t - 2] });
}
const doc = {
  source: 'circomlibjs@0.1.7 src/poseidon_constants.js (Grain LFSR, Poseidon paper reference script); x^5 S-box over BN254 r',
  widths,
};
fs.writeFileSync(out, JSON.stringify(doc, null, 1) + '\n');
