-- wrk script for GET routes: prints one RESULT line like wrk-post.lua.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT req/s %.1f  p50 %.2f ms  p99 %.2f ms  max %.2f ms  non-2xx %d  socket errors %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
