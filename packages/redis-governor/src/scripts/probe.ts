import { budgetScript } from './prelude.js';

/**
 * After an unhinted 429: the key is probed, one request at a time, by
 * whichever worker gets the next grant (a probe already running goes on).
 * ARGV (after the common two): first delay ms, cap ms, random.
 */
export const PROBE = budgetScript(`
if redis.call('HGET', state, 'probing') then return 0 end
local first, cap, r = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local now = now_ms()
redis.call('HSET', state, 'probing', '1', 'probeStep', 0, 'probeLease', '', 'probeFirstMs', first, 'probeCapMs', cap)
redis.call('HSET', state, 'probeNextAt', ms(now + probe_delay(0, r)))
touch(now, policies())
return 1
`);
