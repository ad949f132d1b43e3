-- wrk script: like get.lua, but every GET carries a query value of its own (n=...), so no two ask for the same page
-- and a page the app keeps for a moment (the desk queue, ADR 0021) is never served from memory: every view is rendered.
local cookie = os.getenv("BA_COOKIE")
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  not_ok = 0
  wrk.headers["X-Forwarded-Proto"] = "https"
  if cookie and cookie ~= "" then wrk.headers["Cookie"] = cookie end
end

function request()
  counter = counter + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. sep .. "n=" .. id .. "-" .. counter)
end

function response(status, headers, body)
  if status ~= 200 then not_ok = not_ok + 1 end
end

function done(summary, latency, requests)
  local n = 0
  for _, t in ipairs(threads) do n = n + t:get("not_ok") end
  io.write(string.format("NOT_OK %d\n", n))
end
