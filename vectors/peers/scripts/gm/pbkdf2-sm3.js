// Node's OpenSSL as the judge of PBKDF2-HMAC-SM3.
// stdin: JSON [{password, salt, iterations, length}] (hex byte strings); stdout: JSON [hex]
'use strict';
const crypto = require('crypto');
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(cases.map((c) =>
  crypto.pbkdf2Sync(Buffer.from(c.password, 'hex'), Buffer.from(c.salt, 'hex'), c.iterations, c.length, 'sm3').toString('hex'))));
