// Runs a bench worker script in a fresh process (under `node`, by default
// this one) and returns its JSON line.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function runWorker(name, args, node = process.execPath) {
  const script = fileURLToPath(new URL(`../workers/${name}.mjs`, import.meta.url));
  return new Promise((resolve, reject) => {
    execFile(node, [script, ...args], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${name} failed: ${stderr || error.message}`));
      resolve(JSON.parse(stdout.trim().split('\n').at(-1)));
    });
  });
}
