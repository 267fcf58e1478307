-- wrk script: POST a form body built from BENCH_BODY, where "{n}" becomes a number unique to each
-- request (so every booking or comment is a new one, not the same email handed its booking back).
-- Each request also comes from its own simulated client address (X-Forwarded-For, as a proxy would
-- set it), so the per-client rate limits see many visitors instead of one flooding client.
local template = os.getenv("BENCH_BODY")
local origin = os.getenv("BENCH_ORIGIN")
local threads = 0
local counter = 0
local run = tostring(os.time())

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function request()
  counter = counter + 1
  local n = run .. "t" .. tid .. "n" .. counter
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Origin"] = origin,
    ["X-Forwarded-For"] = "10." .. tid .. "." .. (math.floor(counter / 256) % 256) .. "." .. (counter % 256),
  }
  return wrk.format("POST", nil, headers, (template:gsub("{n}", n)))
end
