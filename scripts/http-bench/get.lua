-- wrk script: GETs with the signed-in session's cookie (BA_COOKIE); counts answers that are not 200. With
-- BA_HARD_REFRESH=1 every GET is a hard refresh (Cache-Control: no-cache), so a page the app keeps for a moment (the
-- desk queue, ADR 0021) is never served from memory: every view is rendered.
local cookie = os.getenv("BA_COOKIE")
local hard_refresh = os.getenv("BA_HARD_REFRESH") == "1"
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not_ok = 0
  wrk.headers["X-Forwarded-Proto"] = "https"
  if cookie and cookie ~= "" then wrk.headers["Cookie"] = cookie end
  if hard_refresh then wrk.headers["Cache-Control"] = "no-cache" end
end

function response(status, headers, body)
  if status ~= 200 then not_ok = not_ok + 1 end
end

function done(summary, latency, requests)
  local n = 0
  for _, t in ipairs(threads) do n = n + t:get("not_ok") end
  io.write(string.format("NOT_OK %d\n", n))
end
