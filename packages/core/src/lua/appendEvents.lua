--[[
  Appends events to the log, each at most once, optionally only if a stream's version is as expected.

  Input:
    KEYS[1] log stream                     ({p}:log)
    KEYS[2] event id -> position hash      ({p}:event-ids)
    KEYS[3] position counter               ({p}:position)
    KEYS[4] version counter of the stream the caller decided on ({p}:version:<stream>), or the
            position counter again when no check is wanted
    KEYS[5..4+n] per-article position list, one per event ({p}:article:<id>), or the position
            counter again for an event without an article

    ARGV[1] expected version, or "" for no check
    ARGV[2] n, the number of events
    ARGV[3..2+n] event ids
    ARGV[3+n..2+2n] event bodies: JSON without position and recordedAt, deflated (logCodec.ts), kept as "z"
    ARGV[3+2n..2+3n] event types, kept beside the body ("y") so readers can skip what they do not fold

  Output:
    { 1, version, pos_1, fresh_1, ..., pos_n, fresh_n }  appended; fresh is 1 when newly recorded,
                                                       0 when the id was already in the log
    { 0, version }                                     expected version did not match; nothing written

  The stream entry id is "<position>-1", so XRANGE by position needs no lookup.
  recordedAt comes from the Redis clock, so every host agrees on it.
]]
local rcall = redis.call
local expected = ARGV[1]
local n = tonumber(ARGV[2])
local checked = expected ~= ""

local version = tonumber(rcall("GET", KEYS[4]) or "0")
if checked and version ~= tonumber(expected) then
  return { 0, version }
end

local t = rcall("TIME")
local now = tostring(tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))

local result = { 1, version }
local appended = 0
for i = 1, n do
  local id = ARGV[2 + i]
  local existing = rcall("HGET", KEYS[2], id)
  if existing then
    result[#result + 1] = tonumber(existing)
    result[#result + 1] = 0
  else
    local position = rcall("INCR", KEYS[3])
    rcall("XADD", KEYS[1], position .. "-1", "z", ARGV[2 + n + i], "t", now, "y", ARGV[2 + 2 * n + i])
    rcall("HSET", KEYS[2], id, position)
    if KEYS[4 + i] ~= KEYS[3] then
      rcall("RPUSH", KEYS[4 + i], position)
    end
    result[#result + 1] = position
    result[#result + 1] = 1
    appended = appended + 1
  end
end

if checked and appended > 0 then
  version = rcall("INCR", KEYS[4])
  result[2] = version
end
return result
