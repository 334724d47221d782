-- Seeds a year of history for one tenant: :rooms room sessions over 200 room names, each with
-- :per_room participant sessions of 1 to 60 minutes, their published tracks, and the hourly usage
-- ledger derived from those sessions (each session's time in the hour it started: the benchmark
-- measures query speed, and the ledger's row count, one per hour, is what matters). psql variables:
-- tenant, rooms, per_room.
set search_path = room;

insert into rooms (id, tenant_id, name, mode, max_participants, empty_timeout_seconds, region, metadata, status,
                   created_at, started_at, ended_at, worker_id, peak_participants)
select 'rm_hist' || g, :'tenant', 'history-' || (g % 200), 'conference', 100, 300, null, null, 'ended',
       t, t, t + interval '90 minutes', null, :per_room
from generate_series(1, :rooms) g,
     lateral (select now() - interval '365 days' + (g::double precision / :rooms) * interval '364 days' as t) s;

insert into participants (sid, room_id, tenant_id, identity, name, worker_id, joined_at, reserved_until,
                          connected_at, left_at, bytes_in, bytes_out, packets_in, packets_out, left_reason)
select 'pa_hist' || g || '_' || p, 'rm_hist' || g, :'tenant', 'user-' || p, 'User ' || p, 'w-history',
       r.started_at + p * interval '1 second', r.started_at + p * interval '1 second' + interval '30 seconds',
       r.started_at + p * interval '1 second',
       r.started_at + p * interval '1 second' + (1 + (g * 7 + p * 13) % 60) * interval '1 minute',
       1000000 + p, 2000000 + p, 1000 + p, 2000 + p, 'disconnected'
from generate_series(1, :rooms) g
join rooms r on r.id = 'rm_hist' || g,
     generate_series(1, :per_room) p;

insert into published_tracks (participant_sid, sid, kind, source, published_at, unpublished_at)
select p.sid, 'TR_' || p.sid, 'audio', 'microphone', p.connected_at, p.left_at
from participants p where p.tenant_id = :'tenant' and p.sid like 'pa_hist%';

insert into usage_hourly (tenant_id, hour, participant_millis, room_millis, peak_participants, bytes_in, bytes_out)
select :'tenant', hour, sum(millis)::bigint, 0, count(*), sum(bytes_in), sum(bytes_out)
from (select date_trunc('hour', connected_at) as hour, floor(extract(epoch from (left_at - connected_at)) * 1000) as millis,
             bytes_in, bytes_out
      from participants where tenant_id = :'tenant' and sid like 'pa_hist%') sessions
group by hour
on conflict (tenant_id, hour) do update set participant_millis = excluded.participant_millis,
    peak_participants = excluded.peak_participants, bytes_in = excluded.bytes_in, bytes_out = excluded.bytes_out;

analyze;
