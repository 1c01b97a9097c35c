// SEAL 4.1 oracle for GovChain.He tests: reads one JSON request on stdin, writes one JSON answer on stdout.
// Blobs travel as base64 SEAL binary. Values travel as decimal strings (they may exceed 2^53).
'use strict';
const SEAL = require('node-seal');

function readStdin() {
  return new Promise((resolve) => {
    let s = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (d) => (s += d));
    process.stdin.on('end', () => resolve(s));
  });
}

const b64 = (u8) => Buffer.from(u8).toString('base64');
const bytes = (s) => new Uint8Array(Buffer.from(s, 'base64'));
const words = (pid) => Array.from(pid.values).map((w) => w.toString());

function context(seal, req) {
  const parms = seal.EncryptionParameters(seal.SchemeType.bfv);
  if (req.params) {
    parms.loadArray(bytes(req.params));
  } else {
    parms.setPolyModulusDegree(req.n);
    const cm = req.coeffBits
      ? seal.CoeffModulus.Create(req.n, Int32Array.from(req.coeffBits))
      : seal.CoeffModulus.BFVDefault(req.n, seal.SecurityLevel.tc128);
    parms.setCoeffModulus(cm);
    parms.setPlainModulus(seal.PlainModulus.Batching(req.n, req.plainBits || 20));
  }
  const ctx = seal.Context(parms, true, seal.SecurityLevel.tc128);
  if (!ctx.parametersSet()) throw new Error('SEAL rejects parameters: ' + ctx.parametersSet());
  return { parms, ctx };
}

function encode(seal, ctx, values) {
  const enc = seal.BatchEncoder(ctx);
  return enc.encode(BigUint64Array.from(values.map(BigInt)));
}

function decode(seal, ctx, pt) {
  return Array.from(seal.BatchEncoder(ctx).decode(pt, false)).map((v) => v.toString());
}

function load(seal, ctx, kind, blob) {
  const o = seal[kind]();
  o.loadArray(ctx, bytes(blob));
  return o;
}

function decryptAll(seal, ctx, sk, blobs) {
  const dec = seal.Decryptor(ctx, sk);
  return blobs.map((blob) => {
    const ct = load(seal, ctx, 'CipherText', blob);
    const pt = dec.decrypt(ct);
    return { slots: decode(seal, ctx, pt), budget: dec.invariantNoiseBudget(ct) };
  });
}

// Applies a list of ops (mirrored by the C# tests) to a ciphertext with SEAL.
function apply(seal, ctx, ct, ops, gk) {
  const ev = seal.Evaluator(ctx);
  for (const op of ops) {
    if (op.op === 'add') ev.add(ct, ct, ct);
    else if (op.op === 'sub') ev.sub(ct, load(seal, ctx, 'CipherText', op.other), ct);
    else if (op.op === 'negate') ev.negate(ct, ct);
    else if (op.op === 'square') ev.square(ct, ct);
    else if (op.op === 'addPlain') ev.addPlain(ct, encode(seal, ctx, op.values), ct);
    else if (op.op === 'subPlain') ev.subPlain(ct, encode(seal, ctx, op.values), ct);
    else if (op.op === 'multiplyPlain') ev.multiplyPlain(ct, encode(seal, ctx, op.values), ct);
    else if (op.op === 'rotateRows') ev.rotateRows(ct, op.steps, gk, ct);
    else if (op.op === 'rotateColumns') ev.rotateColumns(ct, gk, ct);
    else throw new Error('unknown op ' + op.op);
  }
  return ct;
}

const commands = {
  // Parameter sets: coefficient primes, plain modulus, parms_ids and the saved parameters.
  params(seal, req) {
    return req.sets.map((set) => {
      const { parms, ctx } = context(seal, set);
      return {
        n: set.n,
        coeff: Array.from(parms.coeffModulus).map((m) => m.toString()),
        plain: parms.plainModulus.value.toString(),
        keyParmsId: words(ctx.keyParmsId),
        firstParmsId: words(ctx.firstParmsId),
        none: b64(parms.saveArray(seal.ComprModeType.none)),
        zlib: b64(parms.saveArray(seal.ComprModeType.zlib)),
        zstd: b64(parms.saveArray(seal.ComprModeType.zstd)),
      };
    });
  },

  // A SEAL-made key set and ciphertexts of the given vectors, public and symmetric, in every compression mode.
  session(seal, req) {
    const { parms, ctx } = context(seal, req);
    const kg = seal.KeyGenerator(ctx);
    const sk = kg.secretKey();
    const pk = kg.createPublicKey();
    const gk = req.steps ? kg.createGaloisKeys(Int32Array.from(req.steps)) : kg.createGaloisKeys();
    const encryptor = seal.Encryptor(ctx, pk, sk);
    const dec = seal.Decryptor(ctx, sk);
    const modes = { none: seal.ComprModeType.none, zlib: seal.ComprModeType.zlib, zstd: seal.ComprModeType.zstd };
    const vectors = req.vectors.map((values, i) => {
      const pt = encode(seal, ctx, values);
      const ct = i % 2 === 0 ? encryptor.encrypt(pt) : encryptor.encryptSymmetric(pt);
      const out = { budget: dec.invariantNoiseBudget(ct) };
      for (const [name, mode] of Object.entries(modes)) out[name] = b64(ct.saveArray(mode));
      return out;
    });
    const seeded = req.vectors.slice(0, 2).map((values) => b64(encryptor.encryptSymmetricSerializable(encode(seal, ctx, values)).saveArray(seal.ComprModeType.none)));
    return {
      plain: b64(encode(seal, ctx, req.vectors[0]).saveArray(seal.ComprModeType.none)),
      params: b64(parms.saveArray(seal.ComprModeType.none)),
      secretKey: b64(sk.saveArray(seal.ComprModeType.none)),
      publicKey: b64(pk.saveArray(seal.ComprModeType.zstd)),
      galoisKeys: b64(gk.saveArray(seal.ComprModeType.zstd)),
      vectors,
      seeded,
    };
  },

  // Compact (seeded) public and Galois keys for an existing secret key, as createXxxSerializable saves them.
  seededKeys(seal, req) {
    const { ctx } = context(seal, req);
    const kg = seal.KeyGenerator(ctx, load(seal, ctx, 'SecretKey', req.secretKey));
    return {
      publicKey: b64(kg.createPublicKeySerializable().saveArray(seal.ComprModeType.none)),
      galoisKeys: b64(kg.createGaloisKeysSerializable(Int32Array.from(req.steps)).saveArray(seal.ComprModeType.zstd)),
    };
  },

  // Decrypts ciphertexts with a secret key: slots and SEAL's invariant noise budget.
  decrypt(seal, req) {
    const { ctx } = context(seal, req);
    return decryptAll(seal, ctx, load(seal, ctx, 'SecretKey', req.secretKey), req.ciphertexts);
  },

  // Runs ops on a ciphertext with SEAL (keys from either side) and returns the result and, with a secret key, its budget.
  evaluate(seal, req) {
    const { ctx } = context(seal, req);
    const gk = req.galoisKeys ? load(seal, ctx, 'GaloisKeys', req.galoisKeys) : null;
    let ct;
    if (req.ciphertext) ct = load(seal, ctx, 'CipherText', req.ciphertext);
    else ct = seal.Encryptor(ctx, load(seal, ctx, 'PublicKey', req.publicKey)).encrypt(encode(seal, ctx, req.values));
    apply(seal, ctx, ct, req.ops, gk);
    const out = { ciphertext: b64(ct.saveArray(seal.ComprModeType.none)) };
    if (req.secretKey) {
      const dec = seal.Decryptor(ctx, load(seal, ctx, 'SecretKey', req.secretKey));
      out.budget = dec.invariantNoiseBudget(ct);
      out.slots = decode(seal, ctx, dec.decrypt(ct));
    }
    return out;
  },
};

(async () => {
  const req = JSON.parse(await readStdin());
  const seal = await SEAL();
  const result = commands[req.cmd](seal, req);
  process.stdout.write(JSON.stringify(result));
})().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
  process.exit(1);
});
