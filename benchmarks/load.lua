-- wrk script for `make load` (benchmarks/load.py): each request asks for a path drawn at random
-- from the file named by LOAD_PATHS (one path a line; a path listed twice is drawn twice as
-- often), and the run ends with one line of JSON: requests, errors by kind and latency
-- percentiles in microseconds.

local paths = {}
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("number", threads)
end

function init(args)
  local file = assert(io.open(os.getenv("LOAD_PATHS"), "r"))
  for line in file:lines() do
    if #line > 0 then
      paths[#paths + 1] = line
    end
  end
  file:close()
  math.randomseed(os.time() * 100 + number)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'load-result {"requests": %d, "duration_us": %d, "status_errors": %d, "connect_errors": %d, '
      .. '"read_errors": %d, "write_errors": %d, "timeouts": %d, "p50_us": %d, "p95_us": %d, '
      .. '"p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, errors.status, errors.connect, errors.read,
    errors.write, errors.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max
  ))
end
