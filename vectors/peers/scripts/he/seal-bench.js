// Times node-seal (SEAL 4.1 in WebAssembly) on the operations GovChain's `bench he` compares.
// Usage: node seal-bench.js N ITERATIONS  → JSON {op: milliseconds per operation}.
'use strict';
const SEAL = require('node-seal');

// Best of five rounds: the minimum is the figure least disturbed by other load on the machine.
function time(iterations, fn) {
  fn();
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6 / iterations);
  }
  return best;
}

(async () => {
  const n = Number(process.argv[2] || 4096);
  const iterations = Number(process.argv[3] || 20);
  const seal = await SEAL();
  const parms = seal.EncryptionParameters(seal.SchemeType.bfv);
  parms.setPolyModulusDegree(n);
  parms.setCoeffModulus(seal.CoeffModulus.BFVDefault(n, seal.SecurityLevel.tc128));
  parms.setPlainModulus(seal.PlainModulus.Batching(n, 20));
  const ctx = seal.Context(parms, true, seal.SecurityLevel.tc128);
  const kg = seal.KeyGenerator(ctx);
  const pk = kg.createPublicKey();
  const steps = [];
  for (let s = 1; s < n / 2; s <<= 1) steps.push(s);
  steps.push(0);
  const gk = kg.createGaloisKeys(Int32Array.from(steps));
  const encryptor = seal.Encryptor(ctx, pk);
  const decryptor = seal.Decryptor(ctx, kg.secretKey());
  const evaluator = seal.Evaluator(ctx);
  const encoder = seal.BatchEncoder(ctx);
  const values = BigUint64Array.from({ length: n }, (_, i) => BigInt((i * 7919) % 1000));
  const features = BigUint64Array.from({ length: 50 }, (_, i) => BigInt(i + 1));
  const pt = encoder.encode(values);
  const ptFeatures = encoder.encode(features);
  const ct = encryptor.encrypt(pt);
  const out = seal.CipherText();
  const result = {
    encrypt: time(iterations, () => encryptor.encrypt(pt, out)),
    multiply_plain: time(iterations, () => evaluator.multiplyPlain(ct, pt, out)),
    add: time(iterations * 10, () => evaluator.add(ct, ct, out)),
    rotate_rows: time(iterations, () => evaluator.rotateRows(ct, 1, gk, out)),
    decrypt: time(iterations, () => decryptor.decrypt(ct)),
    dot50: time(Math.max(1, iterations / 5), () => {
      evaluator.multiplyPlain(ct, ptFeatures, out);
      for (let s = 1; s < n / 2; s <<= 1) {
        const r = evaluator.rotateRows(out, s, gk);
        evaluator.add(out, r, out);
        r.delete();
      }
      const c = evaluator.rotateColumns(out, gk);
      evaluator.add(out, c, out);
      c.delete();
    }),
  };
  process.stdout.write(JSON.stringify(result));
})().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
  process.exit(1);
});
