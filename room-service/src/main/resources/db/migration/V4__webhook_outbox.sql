-- Webhooks: the outbox written in the same transaction as the state change it announces, and the
-- log of every attempt to deliver it. The dispatcher claims the oldest pending delivery of each
-- (tenant, room) with a lease, so deliveries of one room go out in order and, across instances,
-- one at a time; other rooms and tenants never wait behind it.
create table webhook_deliveries (
    id              text        primary key,          -- the event id the receiver deduplicates by
    seq             bigserial   not null unique,      -- order of writing
    tenant_id       text        not null,
    room_id         text        not null,             -- ordering key; '' for events of no room
    type            text        not null,
    payload         text        not null,             -- the exact JSON body sent
    created_at      timestamptz not null,
    state           text        not null default 'pending'
        check (state in ('pending', 'delivered', 'failed', 'skipped')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    lease_until     timestamptz,
    last_attempt_at timestamptz,
    last_status     integer,                          -- HTTP status of the last attempt, if one came back
    last_error      text,
    finished_at     timestamptz
);
-- The heads of the pending chains, read on every poll.
create index webhook_deliveries_pending on webhook_deliveries (tenant_id, room_id, seq) where state = 'pending';
-- The delivery log, newest first.
create index webhook_deliveries_by_tenant on webhook_deliveries (tenant_id, seq desc);
-- Retention of finished deliveries.
create index webhook_deliveries_finished on webhook_deliveries (finished_at) where state <> 'pending';

create table webhook_attempts (
    delivery_id text        not null references webhook_deliveries (id) on delete cascade,
    attempt     integer     not null,
    at          timestamptz not null,
    url         text        not null,
    status      integer,                             -- null when no HTTP answer came back
    latency_ms  integer     not null,
    error       text,
    primary key (delivery_id, attempt)
);
