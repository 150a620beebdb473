-- wrk script for bench/run. WORKLOAD (env) picks the request; any status but EXPECT counts as an error.
--   get-id      GET /users/<random id in 1..USERS>          (TOKEN: an admin's bearer token)
--   list        GET /users?limit=20[&after=CURSOR][&name=NAME] (TOKEN; NAME: the name filter, URL-safe)
--   register    POST /users with a unique email (RUN_ID keeps runs apart)
--   login       POST /auth/login as <ACCOUNT>-<random 1..USERS-1>@bench.example (the seeded accounts; ACCOUNT defaults
--               to bench, ACCOUNT_PASSWORD to bench password 1)
--   introspect  POST /auth/introspect of TOKEN as the client CLIENT (an HTTP Basic "Basic ..." header value); a 200
--               that is not {"active":true} counts as an error (status "200-inactive")
--   health      GET /q/health/live, no token: the HTTP stack alone
-- done() prints one line: "result <requests> <seconds> <p50 ms> <p99 ms> <errors> <statuses> <expected>", statuses
-- as status=count,... ("-" for none) and expected the count of EXPECT answers.
local workload = os.getenv("WORKLOAD")
local users = tonumber(os.getenv("USERS") or "1")
local token = os.getenv("TOKEN")
local cursor = os.getenv("CURSOR")
local name = os.getenv("NAME")
local run = (os.getenv("RUN_ID") or "run") .. "-" .. (os.getenv("PHASE") or "measured")
local expect = tonumber(os.getenv("EXPECT") or "200")
local account = os.getenv("ACCOUNT") or "bench"
local account_password = os.getenv("ACCOUNT_PASSWORD") or "bench password 1"
local threads = {}
local counter = 0
local salt = 0
statuses = {} -- global: done() reads it from every thread
id = 0 -- global: set by setup() for each thread

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + id)
  salt = math.random(1000000000) -- warm-up and measured runs register different emails
end

local auth = token and { ["Authorization"] = "Bearer " .. token } or {}
local introspection = { ["Authorization"] = os.getenv("CLIENT"), ["Content-Type"] = "application/x-www-form-urlencoded" }
local json = { ["Content-Type"] = "application/json" }

function request()
  counter = counter + 1
  if workload == "get-id" then
    return wrk.format("GET", "/users/" .. math.random(users), auth)
  elseif workload == "list" then
    return wrk.format("GET", "/users?limit=20" .. (cursor and ("&after=" .. cursor) or "") .. (name and ("&name=" .. name) or ""), auth)
  elseif workload == "register" then
    return wrk.format("POST", "/users", json, string.format(
      '{"name":"Bench %d","email":"%s-%d-%d-%d@register.example","password":"bench password 1"}', counter, run, id, salt, counter))
  elseif workload == "login" then
    return wrk.format("POST", "/auth/login", json, string.format(
      '{"email":"%s-%d@bench.example","password":"%s"}', account, math.random(users - 1), account_password))
  elseif workload == "introspect" then
    return wrk.format("POST", "/auth/introspect", introspection, "token=" .. token)
  elseif workload == "health" then
    return wrk.format("GET", "/q/health/live")
  end
  error("unknown WORKLOAD " .. tostring(workload))
end

function response(status, headers, body)
  -- an introspection answered {"active": false} is a 200 too, but not the answer measured: counted apart, an error
  if workload == "introspect" and status == 200 and not string.find(body, '"active":true', 1, true) then
    status = "200-inactive"
  end
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total, errors, parts, expected = {}, 0, {}, 0
  for _, t in ipairs(threads) do
    for status, c in pairs(t:get("statuses")) do total[status] = (total[status] or 0) + c end
  end
  for status, c in pairs(total) do
    table.insert(parts, status .. "=" .. c)
    if status ~= expect then errors = errors + c else expected = expected + c end
  end
  errors = errors + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  table.sort(parts)
  io.write(string.format("result %d %.3f %.2f %.2f %d %s %d\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors, #parts > 0 and table.concat(parts, ",") or "-",
    expected))
end
