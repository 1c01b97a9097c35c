// snarkjs side of `govchain bench zk`: times in-process calls (no node start-up in the figures).
// stdin: {"seconds": S, "verify": [{"name", "vk": path, "proof": {...}, "publicSignals": [...]}],
//         "prove": [{"name", "wasm": path, "zkey": path, "input": {...}}]}
// stdout: {"name": opsPerSecond, ...}. Verify re-reads nothing but does parse the key per call, as the CLI does.
const fs = require('fs');
const snarkjs = require('snarkjs');
const { emit, run } = require('./io');

async function rate(seconds, op) {
  for (let warm = Date.now(); Date.now() - warm < 300;) await op();
  let count = 0;
  const start = process.hrtime.bigint();
  const limit = BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() - start < limit) {
    await op();
    count++;
  }
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

async function main() {
  const job = JSON.parse(fs.readFileSync(0, 'utf8'));
  const out = {};
  for (const v of job.verify || []) {
    const vkText = fs.readFileSync(v.vk, 'utf8');
    out[v.name] = await rate(job.seconds, async () => {
      if (!(await snarkjs.groth16.verify(JSON.parse(vkText), v.publicSignals, v.proof))) throw new Error('snarkjs rejected ' + v.name);
    });
  }
  for (const p of job.prove || []) {
    out[p.name] = await rate(job.seconds, () => snarkjs.groth16.fullProve(p.input, p.wasm, p.zkey));
  }
  await emit(out);
}

run(main);
