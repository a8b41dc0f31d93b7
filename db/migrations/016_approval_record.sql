-- What an approved version was approved as: the group's names and digits, and each side's names
-- with its approvers' names and times, as they stood when the minutes were approved. The
-- approved PDF printed them from the live group and accounts, so renaming the group, a side or
-- an account (or changing the group's digits) rewrote the printed record of approved minutes.
-- Null for versions approved before this column: their PDF falls back to the live names.
alter table minutes_versions add column approved_as jsonb;
