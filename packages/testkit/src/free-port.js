// Plain JS (like seeded-random.js) so .mjs scripts outside the workspace
// packages — the release check's local registry — can use it too.
import { createServer } from 'node:net';

/**
 * A port that was free a moment ago on 127.0.0.1 (the OS picks it), for
 * servers that cannot listen on port 0 and report the port back
 * (redis-server, Verdaccio).
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
