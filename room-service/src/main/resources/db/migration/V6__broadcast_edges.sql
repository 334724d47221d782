-- Broadcast fan-out beyond one worker. A broadcast room runs on its origin (rooms.worker_id: its
-- hosts publish there) and on the edge workers its viewers are placed on; each edge relays the
-- room's tracks from the origin. Rows are written under the room's row lock (the join's), so
-- racing viewer joins see each other's edges; the key keeps one row per room and worker.
create table room_edges (
    room_id          text        not null references rooms (id),
    worker_id        text        not null references workers (id),
    -- the origin the edge relays from: a row naming an earlier origin is stale and is replaced
    origin_worker_id text        not null,
    opened_at        timestamptz not null,
    primary key (room_id, worker_id)
);
