-- wrk script: POSTs the portal's "new request" form, each with its own idempotency key, and counts the answers.
-- Environment: BA_BODY (the form body with IDEMPOTENCY_KEY in it), BA_COOKIE (the signed-in session).
local body_template = os.getenv("BA_BODY")
local cookie = os.getenv("BA_COOKIE")
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  accepted, refused = 0, 0
  math.randomseed(id * 7919 + os.time())
end

local function key()
  counter = counter + 1
  return string.format("%08x-%04x-4%03x-a%03x-%012x", id, math.random(0, 0xffff), counter % 0x1000,
    math.random(0, 0xfff), counter * 131 + math.random(0, 0xffff))
end

function request()
  local body = body_template:gsub("IDEMPOTENCY_KEY", key())
  return wrk.format("POST", "/Portal/Requests/New", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
    ["X-Forwarded-Proto"] = "https",
  }, body)
end

function response(status, headers, body)
  if status == 302 then accepted = accepted + 1 else refused = refused + 1 end
end

function done(summary, latency, requests)
  local a, r = 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("accepted")
    r = r + t:get("refused")
  end
  io.write(string.format("ACCEPTED %d REFUSED %d\n", a, r))
end
