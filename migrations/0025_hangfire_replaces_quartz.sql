-- Hangfire replaces Quartz and the hand-written work queue (issue 12).
--
-- Hangfire.PostgreSql creates and upgrades its own tables in the schema "hangfire" when a host starts
-- (PrepareSchemaIfNecessary, see Jobs/HubJobsSetup.cs). Its scripts are versioned with the package, so owning them here
-- would drift at every Hangfire upgrade: our migrations never create, change or read anything in that schema.

-- Quartz provisioned its qrtz_* tables itself (ProvisionSchema); nothing uses them any more.
DO $$
DECLARE t text;
BEGIN
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'qrtz\_%' LOOP
        EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', t);
    END LOOP;
END $$;

-- The work queue's items are Hangfire jobs now.
DROP TABLE IF EXISTS work_items;

-- One open job per key (discover a connection, remove its hooks): enqueueing it again while the job named here is not
-- finished adds nothing, as the old queue's unique index on open items did. Rows are replaced, never deleted, by
-- Jobs/OpenJobs.cs; a row whose job finished, failed or was deleted no longer counts.
CREATE TABLE open_jobs (
    key text PRIMARY KEY,
    job_id text NOT NULL,
    created_at timestamptz NOT NULL
);
