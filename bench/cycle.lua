-- wrk script of bench/load.py: every connection of a thread asks the next path of a list, the
-- threads starting at evenly spread places of it; done() writes the figures load.py reads.
--   wrk ... -s bench/cycle.lua URL -- PATHS_FILE THREADS   (one path a line)

local requests = {}
local position = 1
local count = 0

function setup(thread)
  thread:set("id", count)
  count = count + 1
end

function init(args)
  for line in io.lines(args[1]) do
    requests[#requests + 1] = wrk.format(nil, line)
  end
  local threads = tonumber(args[2])
  position = math.floor(id * #requests / threads) + 1
end

function request()
  local next_request = requests[position]
  position = position % #requests + 1
  return next_request
end

-- Latencies are in microseconds. errors.status counts answers of 400 and above. "tail_us"
-- holds the latencies at the percentiles 50.0, 50.1, ... 99.9 and 100 (load.TAIL_PERCENTILES),
-- so that runs can be pooled.
function done(summary, latency, _)
  local errors = summary.errors
  local tail = {}
  for step = 0, 499 do
    tail[#tail + 1] = string.format("%.0f", latency:percentile(50 + step / 10))
  end
  tail[#tail + 1] = string.format("%.0f", latency.max) -- percentile(100) reads 0 in wrk 4.1
  io.write(string.format(
    'wrk-figures {"requests": %.0f, "duration_us": %.0f, "status_errors": %.0f, '
      .. '"connect_errors": %.0f, "read_errors": %.0f, "write_errors": %.0f, '
      .. '"timeouts": %.0f, "median_us": %.0f, "p95_us": %.0f, "tail_us": [%s]}\n',
    summary.requests, summary.duration, errors.status, errors.connect, errors.read,
    errors.write, errors.timeout, latency:percentile(50), latency:percentile(95),
    table.concat(tail, ", ")))
end
