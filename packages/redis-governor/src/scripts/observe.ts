import { budgetScript } from './prelude.js';

/**
 * Adopts what a response said about the quota, for every worker of the key.
 * ARGV (after the common two): announced policies (JSON or ''), remaining ('' when not said), reset
 * ms ('' when not said), wake channel.
 */
export const OBSERVE = budgetScript(`
local announced, remaining, reset_ms, channel = ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5]), ARGV[6]
local now = now_ms()
local opened = false
if announced ~= '' and announced ~= redis.call('HGET', state, 'policies') then
  redis.call('HSET', state, 'policies', announced)
  opened = true
end
if remaining and reset_ms then
  local reset_at = now + reset_ms
  local known, known_reset = field('srvRemaining'), field('srvResetAt') or 0
  -- Answers arrive out of order; within one server window the lowest count is the truest.
  if known and now < known_reset then
    redis.call('HSET', state, 'srvRemaining', math.min(known, remaining), 'srvResetAt', ms(math.max(known_reset, reset_at)))
  else
    redis.call('HSET', state, 'srvRemaining', remaining, 'srvResetAt', ms(reset_at))
  end
end
touch(now, policies())
-- Only new windows can shorten a wait that is not on a held slot (a count's reset has its timer already).
if opened then redis.call('PUBLISH', channel, 'observed') end
return 1
`);
