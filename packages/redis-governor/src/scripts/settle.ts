import { budgetScript } from './prelude.js';

/**
 * A held slot's answer arrived (or the request failed, or was never sent):
 * its window starts now, a probe learns its outcome, and the workers waiting
 * on a held slot are woken. ARGV (after the common two): lease id, outcome ('answered' | 'rate-limited' |
 * 'no-answer' | 'cancelled'), random, wake channel.
 */
export const SETTLE = budgetScript(`
local lease, outcome, r, channel = ARGV[3], ARGV[4], tonumber(ARGV[5]), ARGV[6]
local now = now_ms()
local removed = redis.call('ZREM', held, lease)
-- A cancelled grant was never sent: it used nothing. An expired lease was counted when it was reaped.
if removed == 1 and outcome ~= 'cancelled' then redis.call('ZADD', grants, ms(now), lease) end
if removed == 1 and redis.call('HGET', state, 'probeLease') == lease then settle_probe(outcome, now, r) end
touch(now, policies())
wake_waiters(channel, 'settled')
return removed
`);
