-- wrk script: POSTs a different single post on every request (explain from $EXPLAIN, default false) and prints one
-- RESULT line. Titles are 4 words drawn from 120 (almost every title is new: the server's text cache misses),
-- tags 1-3 drawn from 40 (they recur, as tags do); 200 authors, each always described the same way.
local words = {}
for w in ([[sunset over the bay city lights old bridge street food mountain lake morning coffee a cat on wall
  dog park beach dusk night market winter snow spring flowers summer festival autumn leaves river walk train
  station harbour boats market stall portrait smile family dinner birthday cake wedding dance concert crowd
  skyline tower museum gallery painting statue garden rose tulip forest path rain window reflection mirror
  shadow light golden hour blue sky clouds storm lightning desert dune ocean wave surf sand shell island
  palm tree village church castle ruin road trip car bike bus metro airport plane cloud sunrise fog hill
  valley farm horse cow sheep field barn fence lamp candle book library]]):gmatch("%S+") do
  words[#words + 1] = w
end
local tags = {}
for t in ([[travel sunset nature city food pets cat dog beach night art music party family friends sky sea
  mountain lake snow winter summer spring autumn flowers street portrait architecture landscape bw macro
  wildlife bird car train bridge festival sport run hike]]):gmatch("%S+") do
  tags[#tags + 1] = t
end
local explain = os.getenv("EXPLAIN") == "true" and "true" or "false"
local counter = 0

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

request = function()
  counter = counter + 1
  local title = {}
  for i = 1, 4 do title[i] = words[math.random(#words)] end
  local tg = {}
  for i = 1, math.random(3) do tg[i] = '"' .. tags[math.random(#tags)] .. '"' end
  local user = math.random(200)
  local body = string.format('{"explain": %s, "posts": [{"post_id": "p%d", "user_id": "u%d", ' ..
      '"posted_at": "2024-03-%02dT%02d:%02d:00Z", "title": "%s", "tags": [%s], "category": "Travel", ' ..
      '"user": {"photo_count": %d, "is_pro": %s, "timezone_offset_minutes": 60}}]}',
      explain, counter, user, 1 + counter % 28, counter % 24, counter % 60, table.concat(title, " "),
      table.concat(tg, ", "), user * 7, user % 2 == 0 and "true" or "false")
  return wrk.format(nil, nil, nil, body)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT req/s %.1f  p50 %.2f ms  p99 %.2f ms  max %.2f ms  non-2xx %d  socket errors %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
