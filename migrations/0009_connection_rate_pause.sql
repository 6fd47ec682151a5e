-- A provider's rate limit (429, GitHub's secondary 403, a Retry-After) holds for the whole token, not one work item: the
-- instant it lifts is kept on the connection, and no work of the connection is claimed before it, so thousands of queued
-- hook registrations do not each make a call only to be limited again.
ALTER TABLE connections ADD COLUMN rate_limited_until timestamptz;
