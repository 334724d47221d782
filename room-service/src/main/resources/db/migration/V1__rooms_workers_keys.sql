-- room-service owns the schema "room" in the cpaas database.

-- ES256 keys that sign room tokens and join tickets. One key signs at a time (signing_until is
-- null); retired keys stay published in the JWKS until every token they signed has expired.
create table signing_keys (
    kid             text primary key,
    private_key     bytea       not null,
    public_key      bytea       not null,
    created_at      timestamptz not null,
    signing_until   timestamptz,
    published_until timestamptz
);

create table workers (
    id                    text primary key,
    region                text             not null,
    signal_url            text             not null,
    udp_address           text             not null,
    max_participants      integer          not null check (max_participants > 0),
    max_tracks            integer          not null check (max_tracks > 0),
    state                 text             not null check (state in ('active', 'draining', 'unhealthy', 'gone')),
    registered_at         timestamptz      not null,
    last_heartbeat_at     timestamptz      not null,
    cpu                   double precision not null default 0,
    participants          integer          not null default 0,
    tracks_in             integer          not null default 0,
    tracks_out            integer          not null default 0,
    bitrate_bps           bigint           not null default 0,
    -- participants placed since the last heartbeat, so a burst of joins spreads instead of herding
    reserved_participants integer          not null default 0
);

create index workers_active on workers (last_heartbeat_at) where state = 'active';

create table rooms (
    id                    text primary key,
    tenant_id             text        not null,
    name                  text        not null,
    mode                  text        not null check (mode in ('conference', 'broadcast', 'call')),
    max_participants      integer     not null check (max_participants > 0),
    empty_timeout_seconds integer     not null check (empty_timeout_seconds >= 0),
    region                text,
    metadata              text,
    status                text        not null check (status in ('idle', 'active', 'ended')),
    created_at            timestamptz not null,
    started_at            timestamptz,
    ended_at              timestamptz,
    worker_id             text references workers (id)
);

-- A name is unique among a tenant's live rooms; two joins racing to create a room meet here.
create unique index rooms_live_name on rooms (tenant_id, name) where status <> 'ended';
create index rooms_by_tenant on rooms (tenant_id, name);
create index rooms_by_worker on rooms (worker_id) where worker_id is not null;

-- A participant from its join until it leaves. Until the worker confirms the connection the
-- row is a reservation that lapses at reserved_until (the join ticket's expiry).
create table participants (
    sid            text primary key,
    room_id        text        not null references rooms (id),
    tenant_id      text        not null,
    identity       text        not null,
    name           text,
    worker_id      text        not null,
    joined_at      timestamptz not null,
    reserved_until timestamptz not null,
    connected_at   timestamptz,
    left_at        timestamptz
);

create unique index participants_live_identity on participants (room_id, identity) where left_at is null;
create index participants_live_by_tenant on participants (tenant_id) where left_at is null;
create index participants_live_by_worker on participants (worker_id) where left_at is null;
