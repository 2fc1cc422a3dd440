-- wrk script for benchmarks/load.py: an optional POST body, an Accept header, and one JSON line
-- of results at the end (wrk's own text report has no machine-readable form).
--   SAMSYN_WRK_BODY     file whose bytes are POSTed (absent: GET)
--   SAMSYN_WRK_TYPE     its Content-Type (default application/sparql-query)
--   SAMSYN_WRK_ACCEPT   the Accept header (absent: wrk sends none)

local body_file = os.getenv("SAMSYN_WRK_BODY")
if body_file and body_file ~= "" then
  local handle = assert(io.open(body_file, "rb"))
  wrk.body = handle:read("*a")
  handle:close()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = os.getenv("SAMSYN_WRK_TYPE") or "application/sparql-query"
end

local accept = os.getenv("SAMSYN_WRK_ACCEPT")
if accept and accept ~= "" then
  wrk.headers["Accept"] = accept
end

done = function(summary, latency, requests)
  local errors = summary.errors
  -- latencies are microseconds in wrk; the line is read by benchmarks/load.py
  io.write(string.format(
    'SAMSYN-WRK {"requests": %d, "duration_us": %d, "bytes": %d, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
      .. '"latency_us": {"p50": %d, "p90": %d, "p99": %d, "max": %d, "mean": %.1f}}\n',
    summary.requests, summary.duration, summary.bytes,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
