-- Whether joining a room that does not exist creates it (as LiveKit and Daily do by default).
alter table tenants add column auto_create_rooms boolean not null default true;
