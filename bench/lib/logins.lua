-- wrk: POST /auth/login as account <prefix>-<n>@bench.example, n cycling over 1..count; counts statuses.
local prefix, count, password = os.getenv("LOGIN_PREFIX"), tonumber(os.getenv("LOGIN_COUNT")), os.getenv("LOGIN_PASSWORD")
local threads, n = {}, 0
statuses = {} -- global: done() reads it from every thread
function setup(thread) table.insert(threads, thread) end
function init(args) n = math.random(count) end
function request()
  n = n % count + 1
  return wrk.format("POST", "/auth/login", { ["Content-Type"] = "application/json" },
    string.format('{"email":"%s-%d@bench.example","password":"%s"}', prefix, n, password))
end
function response(status) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for status, c in pairs(t:get("statuses")) do total[status] = (total[status] or 0) + c end
  end
  local parts = {}
  for status, c in pairs(total) do table.insert(parts, status .. "=" .. c) end
  table.sort(parts)
  io.write("statuses ", table.concat(parts, " "), "\n")
end
