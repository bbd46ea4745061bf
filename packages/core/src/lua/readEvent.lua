--[[
  Reads one event by its id in a single round trip: the id's position, then that stream entry.

  Input:
    KEYS[1] log stream                     ({p}:log)
    KEYS[2] event id -> position hash      ({p}:event-ids)

    ARGV[1] event id

  Output:
    the XRANGE reply for the event's entry ({ { "<position>-1", { "z", body, "t", time, "y", type } } }; older entries hold "e"),
    or an empty array when the id is not in the log
]]
local position = redis.call("HGET", KEYS[2], ARGV[1])
if not position then
  return {}
end
return redis.call("XRANGE", KEYS[1], position .. "-1", position .. "-1")
