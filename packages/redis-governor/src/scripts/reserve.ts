import { budgetScript } from './prelude.js';

/**
 * Grants up to `count` slots at once, as held leases, while the budget has
 * room; then says how long until the next could fit.
 * ARGV (after the common two): lease id prefix, first lease number, count,
 * lease ms, random. Returns { granted, waitMs } (waitMs > 0 when
 * fewer than `count` were granted). A worker told to wait for a held slot is
 * woken by that slot's settle (pub/sub); any other wait only time can end.
 */
export const RESERVE = budgetScript(`
local prefix, first, count = ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
local lease_ms, r = tonumber(ARGV[6]), tonumber(ARGV[7])
local now = now_ms()
local pol = policies()
reap(now, r)
redis.call('ZREMRANGEBYSCORE', grants, '-inf', ms(now - longest(pol)))
local granted, wait, released = 0, 0, false
-- The same call again (ioredis resends a call whose answer a Redis crash cut
-- off): the leases it granted the first time are the answer, not new ones.
while granted < count and redis.call('ZSCORE', held, prefix .. (first + granted)) do granted = granted + 1 end
while granted < count do
  wait, released = wait_ms(now, pol, lease_ms)
  if wait > 0 then break end
  local lease = prefix .. (first + granted)
  redis.call('ZADD', held, ms(now + lease_ms), lease)
  local remaining, reset_at = field('srvRemaining'), field('srvResetAt') or 0
  if remaining and now < reset_at then redis.call('HSET', state, 'srvRemaining', remaining - 1) end
  if redis.call('HGET', state, 'probing') then redis.call('HSET', state, 'probeLease', lease) end
  granted = granted + 1
end
-- Waiting on a held slot: the next settle must wake this worker (and only then is one published).
if granted < count and released then redis.call('HSET', state, 'wakeOnSettle', '1') end
touch(now, pol)
return { granted, math.ceil(wait) }
`);
