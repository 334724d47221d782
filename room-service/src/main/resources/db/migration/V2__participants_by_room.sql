-- The empty-room reaper and room-level counts look participants up by room.
create index participants_by_room on participants (room_id, left_at);
