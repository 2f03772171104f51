import { budgetScript } from './prelude.js';

/**
 * A live worker's leases go on: their expiry moves on (XX: a lease already
 * reaped is not brought back). ARGV (after the common two): lease ms, then
 * the lease ids.
 */
export const RENEW = budgetScript(`
local until_ms = ms(now_ms() + tonumber(ARGV[3]))
local renewed = 0
for i = 4, #ARGV do renewed = renewed + redis.call('ZADD', held, 'XX', 'CH', until_ms, ARGV[i]) end
return renewed
`);
