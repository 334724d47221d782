-- Participant control: room-service calls the worker hosting a room to list, remove, mute and
-- update its participants, and can revoke the room token that admitted a removed participant.

-- Where room-service reaches a worker's control API (cluster secret); null for workers that
-- registered without one (older workers): their rooms cannot be controlled live.
alter table workers add column control_url text;

-- The room token that admitted each participant (its jti) and when it expires, so that removing
-- the participant can revoke exactly that token.
alter table participants
    add column token_id         text,
    add column token_expires_at timestamptz;

-- Room tokens /v1/rtc/join refuses until they expire; then the row is pruned.
create table revoked_room_tokens (
    token_id   text primary key,
    tenant_id  text        not null,
    expires_at timestamptz not null,
    revoked_at timestamptz not null
);
create index revoked_room_tokens_by_expiry on revoked_room_tokens (expires_at);
