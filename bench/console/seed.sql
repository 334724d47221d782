-- Seeds a year of one tenant's history as room-service records it, for the console benchmark:
-- :rooms_per_day room sessions a day over 100 room names, during working hours, each with :per_room
-- participant sessions of 1 to 60 minutes and a published track each; the hourly usage ledger of
-- those sessions (participant and room time split by the hour they started in, peaks, bytes, TURN
-- credentials); the webhook delivery log of the last 7 days (the retention: older ones are pruned),
-- four events per room and two per participant, one attempt each, 1 % failed after three; and
-- :live_rooms rooms running now with 5 connected participants each, on a worker that never
-- heartbeats (the bench instance tolerates that). psql variables: tenant, days, rooms_per_day,
-- per_room, live_rooms.
set search_path = room;

insert into workers (id, region, signal_url, udp_address, max_participants, max_tracks, state, registered_at,
                     last_heartbeat_at, control_url)
values ('w-bench-console', 'local', 'ws://127.0.0.1:1/rtc', '127.0.0.1:1', 1000, 4000, 'active', now(), now(),
        'http://127.0.0.1:1');

create temporary table seeded_rooms as
select 'rm_hist' || d || '_' || r as id, 'history-' || ((d * 7 + r) % 100) as name,
       date_trunc('day', now()) - d * interval '1 day' + interval '8 hours'
           + ((d * 37 + r * 13) % 600) * interval '1 minute' as started_at
from generate_series(1, :days) d, generate_series(1, :rooms_per_day) r;

insert into rooms (id, tenant_id, name, mode, max_participants, empty_timeout_seconds, region, metadata, status,
                   created_at, started_at, ended_at, worker_id, peak_participants)
select id, :'tenant', name, 'conference', 50, 300, null, '{"course":"' || name || '"}', 'ended',
       started_at, started_at, started_at + interval '61 minutes', null, :per_room
from seeded_rooms;

insert into participants (sid, room_id, tenant_id, identity, name, worker_id, joined_at, reserved_until,
                          connected_at, left_at, bytes_in, bytes_out, packets_in, packets_out, left_reason)
select 'pa_' || r.id || '_' || p, r.id, :'tenant', 'user-' || p, 'User ' || p, 'w-history',
       r.started_at + p * interval '5 seconds', r.started_at + p * interval '5 seconds' + interval '30 seconds',
       r.started_at + p * interval '5 seconds',
       r.started_at + p * interval '5 seconds' + (1 + (length(r.id) * 7 + p * 13) % 60) * interval '1 minute',
       40000000 + p * 1000, 80000000 + p * 1000, 40000 + p, 80000 + p, 'disconnected'
from seeded_rooms r, generate_series(1, :per_room) p;

insert into published_tracks (participant_sid, sid, kind, source, published_at, unpublished_at)
select p.sid, 'TR_' || p.sid, 'audio', 'microphone', p.connected_at, p.left_at
from participants p where p.tenant_id = :'tenant' and p.sid like 'pa_rm_hist%';

insert into usage_hourly (tenant_id, hour, participant_millis, room_millis, peak_participants, bytes_in, bytes_out,
                          turn_credentials)
select :'tenant', hour, sum(millis)::bigint, count(distinct room_id) * 3660000, count(*), sum(bytes_in), sum(bytes_out),
       count(*) / 4
from (select date_trunc('hour', connected_at) as hour, room_id,
             floor(extract(epoch from (left_at - connected_at)) * 1000) as millis, bytes_in, bytes_out
      from participants where tenant_id = :'tenant' and sid like 'pa_rm_hist%') sessions
group by hour;

-- The delivery log: what the last 7 days' rooms and participants announced.
create temporary table seeded_events as
select r.id as room_id, e.type, r.started_at + e.at as at, n.participant
from seeded_rooms r,
     (values ('room.started', interval '0', 0), ('room.ended', interval '66 minutes', 0),
             ('participant.joined', interval '5 seconds', 1), ('participant.left', interval '61 minutes', 1)) e(type, at, per),
     lateral generate_series(1, case when e.per = 1 then :per_room else 1 end) n(participant)
where r.started_at > now() - interval '7 days';

insert into webhook_deliveries (id, tenant_id, room_id, type, payload, created_at, state, attempts, next_attempt_at,
                                last_attempt_at, last_status, last_error, finished_at)
select 'evt_' || md5(room_id || type || participant), :'tenant', room_id, type,
       '{"type":"' || type || '","room":{"id":"' || room_id || '"},"participant":{"identity":"user-' || participant || '"}}',
       at, case when abs(hashtext(room_id || type || participant)) % 100 = 0 then 'failed' else 'delivered' end,
       case when abs(hashtext(room_id || type || participant)) % 100 = 0 then 3 else 1 end,
       at, at + interval '1 second',
       case when abs(hashtext(room_id || type || participant)) % 100 = 0 then 503 else 200 end,
       case when abs(hashtext(room_id || type || participant)) % 100 = 0 then 'receiver answered 503' end,
       at + interval '1 second'
from seeded_events order by at;

insert into webhook_attempts (delivery_id, attempt, at, url, status, latency_ms, error)
select d.id, a, d.created_at + a * interval '1 second', 'https://hooks.example.com/cpaas', d.last_status, 40 + a,
       d.last_error
from webhook_deliveries d, generate_series(1, d.attempts) a
where d.tenant_id = :'tenant';

-- Rooms running now.
insert into rooms (id, tenant_id, name, mode, max_participants, empty_timeout_seconds, region, metadata, status,
                   created_at, started_at, ended_at, worker_id, peak_participants)
select 'rm_live' || g, :'tenant', 'live-' || g, 'conference', 50, 300, null, '{"course":"live"}', 'active',
       now() - g * interval '3 minutes', now() - g * interval '3 minutes', null, 'w-bench-console', 5
from generate_series(1, :live_rooms) g;

insert into participants (sid, room_id, tenant_id, identity, name, worker_id, joined_at, reserved_until, connected_at)
select 'pa_live' || g || '_' || p, 'rm_live' || g, :'tenant', 'user-' || p, 'User ' || p, 'w-bench-console',
       now() - g * interval '3 minutes', now() - g * interval '3 minutes' + interval '30 seconds', now() - g * interval '3 minutes'
from generate_series(1, :live_rooms) g, generate_series(1, 5) p;

analyze;
