import { budgetScript } from './prelude.js';

/** After a hinted 429: every worker of the key waits `ms` (already capped). ARGV (after the common two): ms. */
export const PAUSE = budgetScript(`
local now = now_ms()
local until_ms = now + tonumber(ARGV[3])
if until_ms > (field('pausedUntil') or 0) then redis.call('HSET', state, 'pausedUntil', ms(until_ms)) end
touch(now, policies())
return 1
`);
