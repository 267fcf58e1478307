-- wrk script: GET the page and count what answered it, by the X-Page-Cache header (hit, miss,
-- stale, bypass, or "none" when the header is absent) and by status class (2xx, 3xx, 4xx, 5xx).
-- Each wrk thread counts in its own Lua state; `done` adds the threads up and prints one line,
--   BENCH_COUNTS {"hit":..., "miss":..., ..., "status_5xx":...}
-- which bench/harness.py reads. Defining `response` makes wrk parse every reply, which costs a
-- little throughput: the read-only baseline of a mixed run uses this script too, so ratios compare
-- like with like.
local threads = {}
local names = { "hit", "miss", "stale", "bypass", "other", "none", "status_2xx", "status_3xx", "status_4xx", "status_5xx" }

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
  for _, name in ipairs(names) do
    counts[name] = 0
  end
end

local function cache_state(headers)
  for key, value in pairs(headers) do
    if string.lower(key) == "x-page-cache" then
      return string.lower(value)
    end
  end
  return nil
end

function response(status, headers, body)
  local state = cache_state(headers)
  if state == nil then
    state = "none"
  elseif counts[state] == nil or string.sub(state, 1, 7) == "status_" then
    state = "other"
  end
  counts[state] = counts[state] + 1
  local class = "status_" .. math.floor(status / 100) .. "xx"
  if counts[class] ~= nil then
    counts[class] = counts[class] + 1
  end
end

function done(summary, latency, requests)
  local total = {}
  for _, name in ipairs(names) do
    total[name] = 0
  end
  for _, thread in ipairs(threads) do
    local counted = thread:get("counts")
    for _, name in ipairs(names) do
      total[name] = total[name] + (counted[name] or 0)
    end
  end
  local parts = {}
  for _, name in ipairs(names) do
    table.insert(parts, string.format('"%s":%d', name, total[name]))
  end
  io.write("BENCH_COUNTS {" .. table.concat(parts, ",") .. "}\n")
end
