/**
 * Lua shared by every budget script (each script is this prelude plus its
 * body: Redis runs a script as one atomic step, so a decision is never
 * interleaved with another process's).
 *
 * KEYS[1] the budget's state hash, KEYS[2] its settled grants (sorted set:
 * lease id -> when its answer arrived), KEYS[3] its held leases (sorted set:
 * lease id -> when the lease expires). ARGV[1] the caller's windows (JSON
 * [{ limit, windowMs }]), ARGV[2] how long an idle budget is kept (ms); each
 * script's own arguments follow. Every time is Redis's own clock
 * (`TIME`), in milliseconds: callers' clocks differ between machines.
 *
 * Times are written with string.format: Lua turns a number into a string
 * with 14 significant digits, which would cut a millisecond timestamp to
 * whole tens of milliseconds.
 */
export const PRELUDE = `
local state, grants, held = KEYS[1], KEYS[2], KEYS[3]
local configured, ttl = ARGV[1], tonumber(ARGV[2])

local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end

local function ms(x)
  return string.format('%.3f', x)
end

local function field(name)
  return tonumber(redis.call('HGET', state, name) or '')
end

-- The windows in force: the ones a RateLimit-Policy header announced, else the caller's.
local function policies()
  local observed = redis.call('HGET', state, 'policies')
  return cjson.decode(observed or configured)
end

-- Equal jitter, doubling per refused probe, capped (as the in-process Probe).
local function probe_delay(step, r)
  local first, cap = field('probeFirstMs') or 1000, field('probeCapMs') or 60000
  cap = math.max(first, cap)
  local s = math.min(cap, first * 2 ^ math.min(step, 30))
  return s / 2 + r * s / 2
end

-- How the probe in flight ended: 'answered' reopens the key; a refusal backs off; no answer tries the same step again.
-- Wakes the workers waiting on a held slot, if any are (one message for all of them).
local function wake_waiters(channel, why)
  if redis.call('HGET', state, 'wakeOnSettle') then
    redis.call('HDEL', state, 'wakeOnSettle')
    redis.call('PUBLISH', channel, why)
  end
end

local function settle_probe(outcome, now, r)
  redis.call('HSET', state, 'probeLease', '')
  if outcome == 'answered' then
    redis.call('HDEL', state, 'probing', 'probeStep', 'probeNextAt', 'probeLease')
    return
  end
  if outcome == 'cancelled' then return end
  local step = field('probeStep') or 0
  if outcome == 'rate-limited' then step = step + 1 end
  redis.call('HSET', state, 'probeStep', step, 'probeNextAt', ms(now + probe_delay(step, r)))
end

-- A lease whose worker stopped renewing it (it died) frees its slot: its
-- request may have reached the vendor, so it counts as answered now.
local function reap(now, r)
  local expired = redis.call('ZRANGEBYSCORE', held, '-inf', ms(now))
  if #expired == 0 then return end
  local probe_lease = redis.call('HGET', state, 'probeLease')
  for _, lease in ipairs(expired) do
    redis.call('ZADD', grants, ms(now), lease)
    if lease == probe_lease then settle_probe('no-answer', now, r) end
  end
  redis.call('ZREMRANGEBYSCORE', held, '-inf', ms(now))
end

local function longest(pol)
  local w = 0
  for _, p in ipairs(pol) do w = math.max(w, p.windowMs) end
  return w
end

-- Idle budgets vanish, but never before their longest window (or a pause) is over.
local function touch(now, pol)
  local pause_left = math.max(0, (field('pausedUntil') or 0) - now)
  local keep = math.ceil(math.max(ttl, longest(pol)) + pause_left)
  for _, key in ipairs(KEYS) do redis.call('PEXPIRE', key, keep) end
end

local function earliest_lease(now)
  local first = redis.call('ZRANGE', held, 0, 0, 'WITHSCORES')
  if #first == 0 then return nil end
  return math.max(1, tonumber(first[2]) - now)
end

-- Milliseconds until one more request fits (0: now), and whether only a held
-- slot's answer can free one (then the wait is until the earliest lease
-- could expire; a settle wakes the waiters sooner).
local function wait_ms(now, pol, fallback)
  local wait, release = 0, false
  wait = math.max(wait, (field('pausedUntil') or 0) - now)
  if redis.call('HGET', state, 'probing') then
    local lease = redis.call('HGET', state, 'probeLease')
    if lease and lease ~= '' then release = true
    else wait = math.max(wait, (field('probeNextAt') or now) - now) end
  end
  local remaining, reset_at = field('srvRemaining'), field('srvResetAt') or 0
  if remaining and now < reset_at and remaining <= 0 then wait = math.max(wait, reset_at - now) end
  local in_flight = redis.call('ZCARD', held)
  for _, p in ipairs(pol) do
    local since = '(' .. ms(now - p.windowMs)
    local settled = redis.call('ZCOUNT', grants, since, '+inf')
    local occupied = settled + in_flight
    if occupied >= p.limit then
      local must_expire = occupied - p.limit + 1
      if must_expire > settled then
        release = true
      else
        local oldest = redis.call('ZRANGEBYSCORE', grants, since, '+inf', 'WITHSCORES', 'LIMIT', must_expire - 1, 1)
        wait = math.max(wait, tonumber(oldest[2]) + p.windowMs - now)
      end
    end
  end
  if release then wait = math.max(wait, earliest_lease(now) or fallback) end
  return wait, release
end
`;

/** The Lua of one decision: the prelude, then `body`. */
export function budgetScript(body: string): string {
  return `${PRELUDE}\n${body}`;
}
