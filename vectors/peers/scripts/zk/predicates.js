// Random satisfying inputs for the predicate circuits in vectors/circuits (shared by the zk oracle scripts).
const path = require('path');

const circuitsDir = path.resolve(__dirname, '../../../circuits');
const R = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

// xorshift128+: a seeded PRNG so the same seed gives the same witnesses.
function prng(seed) {
  let s0 = BigInt(seed) * 0x9E3779B97F4A7C15n & 0xFFFFFFFFFFFFFFFFn | 1n;
  let s1 = (BigInt(seed) + 0x632BE59BD9B4E019n) * 0xBF58476D1CE4E5B9n & 0xFFFFFFFFFFFFFFFFn;
  const next64 = () => {
    let x = s0;
    const y = s1;
    s0 = y;
    x ^= (x << 23n) & 0xFFFFFFFFFFFFFFFFn;
    s1 = x ^ y ^ (x >> 17n) ^ (y >> 26n);
    return (s1 + y) & 0xFFFFFFFFFFFFFFFFn;
  };
  const below = (n) => {
    let v = 0n;
    for (let i = 0; i < 5; i++) v = (v << 64n) | next64();
    return v % BigInt(n);
  };
  return { next64, below };
}

function randomInputs(poseidon, seed) {
  const rnd = prng(seed);
  const commit = (values) => poseidon.F.toString(poseidon(values));
  const s = (v) => v.toString();
  return {
    score_at_least() {
      const attributes = [rnd.below(1001), rnd.below(1n << 64n), rnd.below(1n << 32n), rnd.below(2)];
      const salt = rnd.below(R);
      const threshold = rnd.below(attributes[0] + 1n);
      return { attributes: attributes.map(s), salt: s(salt), commitment: commit([...attributes, salt]), threshold: s(threshold) };
    },
    age_at_least() {
      const birthDate = (1940n + rnd.below(68)) * 10000n + (1n + rnd.below(12)) * 100n + 1n + rnd.below(28);
      const salt = rnd.below(R);
      return { birthDate: s(birthDate), salt: s(salt), commitment: commit([birthDate, salt]), today: '20261125', minAge: '18' };
    },
    value_at_most() {
      const value = rnd.below(1n << 40n);
      const salt = rnd.below(R);
      return { value: s(value), salt: s(salt), commitment: commit([value, salt]), maximum: s(value + rnd.below(1n << 40n)) };
    },
    flag_is_zero() {
      const salt = rnd.below(R);
      return { flag: '0', salt: s(salt), commitment: commit([0n, salt]) };
    },
  };
}

module.exports = { randomInputs, circuitsDir, prng, R };
