-- WorkerRepository.best, the allocation query, as room-service sends it (keep the two in step):
-- 10 runs of EXPLAIN ANALYZE with the parameters of a join to a new room (no preferred region).
set search_path = room;
prepare best(timestamptz, text) as
  select id, region, signal_url, udp_address, max_participants, max_tracks, state, registered_at,
         last_heartbeat_at, cpu, participants, tracks_in, tracks_out, bitrate_bps, reserved_participants
  from workers where state = 'active' and last_heartbeat_at > $1
    and participants + reserved_participants < max_participants
  order by (region = $2) desc nulls last,
           0.5 * cpu + 0.3 * (participants + reserved_participants)::float8 / max_participants
             + 0.2 * tracks_out::float8 / max_tracks,
           id
  limit 1;
explain (analyze, costs off, timing on) execute best(now() - interval '6 years', null);
explain (analyze, costs off, timing on) execute best(now() - interval '6 years', null);
explain (analyze, costs off, timing on) execute best(now() - interval '6 years', null);
explain (analyze, costs off, timing on) execute best(now() - interval '6 years', null);
explain (analyze, costs off, timing on) execute best(now() - interval '6 years', null);
explain (analyze, costs off, timing on) execute best(now() - interval '6 years', null);
explain (analyze, costs off, timing on) execute best(now() - interval '6 years', null);
explain (analyze, costs off, timing on) execute best(now() - interval '6 years', null);
explain (analyze, costs off, timing on) execute best(now() - interval '6 years', null);
explain (analyze, costs off, timing on) execute best(now() - interval '6 years', null);
