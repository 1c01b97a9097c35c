// sm-crypto@0.5.8 as an oracle for GovChain's SM2/SM3/SM4.
// stdin: JSON { verify:[{pub,msg,sig,der}], decrypt:[{priv,ct,mode}], sm4CbcDecrypt:[{key,iv,ct}],
//               hmac:[{key,msg}], sm3:[msg], generate:N }  (all byte strings are hex)
// stdout: JSON { verified:[bool], decrypted:[hex|null], sm4:[hex|null], hmac:[hex], sm3:[hex], generated:[...] }
'use strict';
const crypto = require('crypto');
const { sm2, sm3, sm4 } = require('sm-crypto');

const hexToBytes = (h) => Array.from(Buffer.from(h, 'hex'));
const bytesToHex = (a) => Buffer.from(a).toString('hex');
const tryOr = (f, fallback) => { try { return f(); } catch (e) { return fallback; } };

const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = {};

out.verified = (input.verify || []).map((v) =>
  tryOr(() => sm2.doVerifySignature(hexToBytes(v.msg), v.sig, v.pub, { der: v.der, hash: true }), false));

out.decrypted = (input.decrypt || []).map((d) => {
  // sm-crypto omits the leading 04 of C1.
  const ct = d.ct.startsWith('04') ? d.ct.slice(2) : d.ct;
  const pt = tryOr(() => sm2.doDecrypt(ct, d.priv, d.mode, { output: 'array' }), []);
  return pt.length ? bytesToHex(pt) : null;
});

out.sm4 = (input.sm4CbcDecrypt || []).map((c) =>
  tryOr(() => bytesToHex(sm4.decrypt(hexToBytes(c.ct), c.key, { mode: 'cbc', iv: c.iv, output: 'array' })), null));

out.hmac = (input.hmac || []).map((h) => sm3(hexToBytes(h.msg), { key: h.key }));
out.sm3 = (input.sm3 || []).map((m) => sm3(hexToBytes(m)));

out.generated = [];
for (let i = 0; i < (input.generate || 0); i++) {
  const { privateKey, publicKey } = sm2.generateKeyPairHex();
  const msg = crypto.randomBytes(1 + crypto.randomInt(200));
  const key = crypto.randomBytes(16).toString('hex');
  const iv = crypto.randomBytes(16).toString('hex');
  out.generated.push({
    priv: privateKey,
    pub: publicKey,
    msg: msg.toString('hex'),
    sigDer: sm2.doSignature(Array.from(msg), privateKey, { der: true, hash: true, publicKey }),
    sigRaw: sm2.doSignature(Array.from(msg), privateKey, { der: false, hash: true, publicKey }),
    ctMode1: sm2.doEncrypt(Array.from(msg), publicKey, 1),
    ctMode0: sm2.doEncrypt(Array.from(msg), publicKey, 0),
    sm4Key: key,
    sm4Iv: iv,
    sm4Ct: bytesToHex(sm4.encrypt(Array.from(msg), key, { mode: 'cbc', iv, output: 'array' })),
  });
}

process.stdout.write(JSON.stringify(out));
