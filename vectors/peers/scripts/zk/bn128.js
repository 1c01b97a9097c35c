// Oracle for BN254 arithmetic, using ffjavascript (snarkjs's own field and curve library).
// stdin: {"g1": [scalar...], "g2": [scalar...], "pairings": [[a, b]...]} with decimal scalars.
// stdout: affine points [x, y] (G2 coordinates as [c0, c1]) and e(a·G1, b·G2) as ffjavascript's Gt object,
// nested [c0, c1] of [b0, b1, b2] of [real, imaginary], all decimal.
const { buildBn128 } = require('ffjavascript');
const { emit, run } = require('./io');

async function main() {
  const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  const curve = await buildBn128(true);
  const dec = (v) => JSON.parse(JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? x.toString() : x)));
  const g1 = (s) => curve.G1.timesScalar(curve.G1.g, BigInt(s));
  const g2 = (s) => curve.G2.timesScalar(curve.G2.g, BigInt(s));
  const out = {
    g1: (input.g1 || []).map((s) => dec(curve.G1.toObject(curve.G1.toAffine(g1(s))).slice(0, 2))),
    g2: (input.g2 || []).map((s) => dec(curve.G2.toObject(curve.G2.toAffine(g2(s))).slice(0, 2))),
    pairings: (input.pairings || []).map(([a, b]) => dec(curve.Gt.toObject(curve.pairing(g1(a), g2(b))))),
  };
  await emit(out);
  await curve.terminate();
}

run(main);
