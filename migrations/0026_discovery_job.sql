-- The Hangfire job whose run the connection's discovery is (set as a run starts or is resumed). A performing of a job
-- whose run already ended 'done' returns at once: a node that was taken over but not dead may have finished the walk
-- before its token was cancelled, and the holder's retry must not walk everything again.
ALTER TABLE connections ADD COLUMN discovery_job text;
