-- Installation events (issue 16) are processed in parallel and retried, so a suspend can be applied after a later
-- unsuspend. The installation's updated_at of the event applied last is kept here: an older event changes nothing.
ALTER TABLE connections ADD COLUMN github_installation_version timestamptz;
