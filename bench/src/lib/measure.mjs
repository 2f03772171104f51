// Small statistics and process helpers shared by every figure.
import { spawnSync } from 'node:child_process';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The order of round `round`'s contenders: a shuffle drawn from a small PRNG
 * (mulberry32) seeded by the round, so that a run is reproducible and no
 * contender always follows the same one. Rotating by one round after round
 * kept each contender's predecessor fixed, and on this VM the predecessor
 * matters (whose file was deleted how recently decides how warm the memory
 * the next writer faults in is).
 */
export function roundOrder(items, round) {
  let state = (0x9e3779b9 * (round + 1)) >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const order = [...items];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

export function mean(values) {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Runs a command to completion and returns its wall time in ms; throws on failure. */
export function timeCommand(command, args, options = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr || result.stdout}`);
  }
  return { ms, stdout: result.stdout };
}

export const formatBytes = (n) =>
  n >= 1 << 30 ? `${(n / (1 << 30)).toFixed(2)} GiB` : n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(2)} KiB` : `${n} B`;
