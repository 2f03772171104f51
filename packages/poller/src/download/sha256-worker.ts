/**
 * The thread behind a FileHasher, as source for `new Worker(..., { eval: true })`:
 * a file of its own would need resolving next to this module, which differs
 * between the built package, a bundle and the TypeScript sources under test.
 *
 * It hashes the partial file as its bytes are written, reading them back
 * from the page cache, so the thread that receives the body spends no CPU
 * on SHA-256. Messages: `{ to }` hashes up to that byte; `{ digest: true }`
 * answers `{ digest, bytes }`; a failure answers `{ error }`.
 */
export const SHA256_WORKER_SOURCE = `
const { createHash } = require('node:crypto');
const { openSync, readSync } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const fd = openSync(workerData.path, 'r');
const hash = createHash('sha256');
const buffer = Buffer.allocUnsafe(1 << 20);
let hashed = 0;
parentPort.on('message', (message) => {
  try {
    if (message.digest) {
      parentPort.postMessage({ digest: hash.digest('hex'), bytes: hashed });
      return;
    }
    while (hashed < message.to) {
      const read = readSync(fd, buffer, 0, Math.min(buffer.length, message.to - hashed), hashed);
      if (read === 0) throw new Error('the partial file ends at ' + hashed + ' bytes, before ' + message.to);
      hash.update(buffer.subarray(0, read));
      hashed += read;
    }
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
`;
