-- Whether the minutes take edits. Every commit of the update log checks it under the meeting's
-- row lock, so that approving on one server process stops writes on every process at one point
-- (an in-memory flag per process cannot: another process may commit before it hears).
alter table meetings add column minutes_locked boolean not null default false;
update meetings set minutes_locked = true where status = 'approved';
