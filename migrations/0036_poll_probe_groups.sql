-- GitHub repositories are now polled with a change probe: one GraphQL request asks up to 50 repositories of a connection
-- whether anything moved. That pays only when a connection's repositories are due together, so new poll rows are placed
-- in four groups per connection (PollScheduler.Phase); this moves the existing GitHub rows the same way, each into the
-- next minute, keeping the 60-second interval. Rows under lease are left alone (their poll writes its own next time).
UPDATE poll_state ps
SET next_poll_at = now() + (abs(hashtext(ps.connection_id::text || ':' || (abs(hashtext(ps.repository_id::text)) % 4)::text)) % 60000) * interval '1 millisecond'
FROM connections c
WHERE c.id = ps.connection_id AND c.provider = 'github' AND ps.lease_until IS NULL;
