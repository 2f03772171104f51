import { budgetScript } from './prelude.js';

/**
 * Grants up to `count` slots at once, as held leases, while the budget has
 * room; then says how long until the next could fit.
 * ARGV (after the common two): lease id prefix, first lease number, count,
 * lease ms, random. Returns { granted, waitMs } (waitMs > 0 when
 * fewer than `count` were granted).
 */
export const RESERVE = budgetScript(`
local prefix, first, count = ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
local lease_ms, r = tonumber(ARGV[6]), tonumber(ARGV[7])
local now = now_ms()
local pol = policies()
reap(now, r)
redis.call('ZREMRANGEBYSCORE', grants, '-inf', ms(now - longest(pol)))
local granted, wait = 0, 0
while granted < count do
  wait = wait_ms(now, pol, lease_ms)
  if wait > 0 then break end
  local lease = prefix .. (first + granted)
  redis.call('ZADD', held, ms(now + lease_ms), lease)
  local remaining, reset_at = field('srvRemaining'), field('srvResetAt') or 0
  if remaining and now < reset_at then redis.call('HSET', state, 'srvRemaining', remaining - 1) end
  if redis.call('HGET', state, 'probing') then redis.call('HSET', state, 'probeLease', lease) end
  granted = granted + 1
end
touch(now, pol)
return { granted, math.ceil(wait) }
`);
