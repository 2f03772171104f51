import { describe, expect, it } from 'vitest';
import { LockLeases } from '../src/index.js';

describe('LockLeases', () => {
  // A clock the test moves: the rule is arithmetic on confirmations.
  let now = 0;
  const leases = () => new LockLeases(3_000, () => now);

  it('allows writing while the lock was confirmed within two thirds of its duration', () => {
    now = 0;
    const lease = leases();
    expect(lease.mayWrite('a')).toBe(false);
    lease.taken('a');
    now = 1_999;
    expect(lease.mayWrite('a')).toBe(true);
    now = 2_000;
    // No renewal confirmed for 2 s of a 3 s lock: Redis may be unreachable, or we were frozen — stop.
    expect(lease.mayWrite('a')).toBe(false);
    lease.renewed(['a']);
    expect(lease.mayWrite('a')).toBe(true);
  });

  it('refuses for good once a renewal failed, and forgets a released job', () => {
    now = 0;
    const lease = leases();
    lease.taken('a');
    lease.taken('b');
    lease.lost(['a']);
    lease.renewed(['a', 'b']);
    expect(lease.mayWrite('a')).toBe(false);
    expect(lease.mayWrite('b')).toBe(true);
    lease.released('b');
    lease.renewed(['b']);
    expect(lease.mayWrite('b')).toBe(false);
  });
});
