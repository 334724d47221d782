-- tenant-service owns the schema "tenant" in the cpaas database.

create table tenants (
    id                          text primary key,
    name                        text        not null,
    status                      text        not null check (status in ('active', 'disabled')),
    max_concurrent_participants integer     not null check (max_concurrent_participants > 0),
    max_rooms                   integer     not null check (max_rooms > 0),
    requests_per_second_per_key integer     not null check (requests_per_second_per_key > 0),
    webhook_url                 text,
    webhook_secret              text        not null,
    created_at                  timestamptz not null,
    updated_at                  timestamptz not null
);

create unique index tenants_name_unique on tenants (lower(name));

create table api_keys (
    id           text primary key,
    tenant_id    text        not null references tenants (id),
    name         text        not null,
    scopes       text[]      not null,
    secret_hash  bytea       not null,
    created_at   timestamptz not null,
    last_used_at timestamptz,
    expires_at   timestamptz,
    revoked_at   timestamptz
);

create index api_keys_by_tenant on api_keys (tenant_id, id);
