-- Seeds the bench database's pool: :workers active workers with varied load, and :rooms active rooms
-- spread over them and over 1,000 other tenants, each with two connected participants. Workers never
-- heartbeat here; the bench instance runs with CPAAS_POOL_MISSED_HEARTBEATS=100000000 so that they
-- stay healthy. psql variables: workers, rooms.
set search_path = room;

insert into workers (id, region, signal_url, udp_address, max_participants, max_tracks, state, registered_at,
                     last_heartbeat_at, cpu, participants, tracks_in, tracks_out, bitrate_bps, reserved_participants)
select 'seed-w' || g, (array['eu', 'us', 'ap', 'sa'])[1 + g % 4], 'ws://127.0.0.1:9/w' || g,
       '127.0.0.1:' || (20000 + g % 40000), 1000, 10000, 'active', now(), now(),
       random() * 0.8, 2 * (:rooms / :workers), 2 * (:rooms / :workers), 4 * (:rooms / :workers), 0, 0
from generate_series(1, :workers) g;

insert into rooms (id, tenant_id, name, mode, max_participants, empty_timeout_seconds, region, metadata, status,
                   created_at, started_at, ended_at, worker_id)
select 'rm_seed' || g, 'tn_seed' || (g % 1000), 'seed-' || g, 'conference', 100, 300, null, null, 'active',
       now(), now(), null, 'seed-w' || (1 + g % :workers)
from generate_series(1, :rooms) g;

insert into participants (sid, room_id, tenant_id, identity, name, worker_id, joined_at, reserved_until,
                          connected_at, left_at)
select 'pa_seed' || g || '_' || p, 'rm_seed' || g, 'tn_seed' || (g % 1000), 'u' || p, null,
       'seed-w' || (1 + g % :workers), now(), now() + interval '30 seconds', now(), null
from generate_series(1, :rooms) g, generate_series(1, 2) p;

analyze;
