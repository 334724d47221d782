-- wrk script: POST /v1/rooms/$BENCH_ROOM/tokens with the API key $BENCH_BASIC (base64 of keyId:secret),
-- a new identity on every request so that nothing can be cached along the way.
local counter = 0
local tid = 0
local path = "/v1/rooms/" .. (os.getenv("BENCH_ROOM") or "bench-wrk") .. "/tokens"
local headers = {
  ["Authorization"] = "Basic " .. os.getenv("BENCH_BASIC"),
  ["Content-Type"] = "application/json",
}

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function request()
  counter = counter + 1
  return wrk.format("POST", path, headers, '{"identity":"t' .. tid .. "-" .. counter .. '"}')
end
