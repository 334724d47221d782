-- Sessions and usage: what workers report (events), what participants published and sent, and
-- the per-tenant hourly ledger that usage queries read.

-- Events already applied, by their id: a batch a worker sends twice counts once.
-- Rows older than a week are pruned; workers retry for far less than that.
create table worker_events (
    id          text primary key,
    worker_id   text        not null,
    received_at timestamptz not null
);
create index worker_events_by_age on worker_events (received_at);

-- A participant session is its row in participants: joined_at (placed), connected_at (reached the
-- worker), left_at; these counters are its totals as the worker last reported them.
alter table participants
    add column bytes_in    bigint  not null default 0,
    add column bytes_out   bigint  not null default 0,
    add column packets_in  bigint  not null default 0,
    add column packets_out bigint  not null default 0,
    add column hidden      boolean not null default false,
    add column left_reason text;
-- Session history of a room, newest first.
create index participants_by_room_joined on participants (room_id, joined_at desc, sid);

-- A room session is its row in rooms (started_at to ended_at); the most participants it had at once.
alter table rooms add column peak_participants integer not null default 0;
create index rooms_sessions_by_name on rooms (tenant_id, name, created_at desc, id);

create table published_tracks (
    participant_sid text        not null references participants (sid),
    sid             text        not null,
    kind            text        not null,
    source          text        not null,
    published_at    timestamptz not null,
    unpublished_at  timestamptz,
    primary key (participant_sid, sid)
);

-- Usage per tenant per hour (UTC), added to as sessions close and traffic is reported, so queries
-- over a year read at most 8,760 rows per tenant whatever the number of sessions. Durations are
-- whole milliseconds so that buckets add up exactly to the sessions behind them.
create table usage_hourly (
    tenant_id          text        not null,
    hour               timestamptz not null,
    participant_millis bigint      not null default 0,
    room_millis        bigint      not null default 0,
    peak_participants  integer     not null default 0,
    bytes_in           bigint      not null default 0,
    bytes_out          bigint      not null default 0,
    turn_credentials   bigint      not null default 0,
    primary key (tenant_id, hour)
);
