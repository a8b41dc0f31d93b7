-- The approval an approved version carries, as it stood when the minutes were approved: each
-- side's names and its approvers' names and times. The approved PDF printed them from the live
-- group and accounts, so renaming a side or an account rewrote the printed record of approved
-- minutes. Null for versions approved before this column (their PDF falls back to the live names)
-- and for approvals without sides.
alter table minutes_versions add column approval_record jsonb;
