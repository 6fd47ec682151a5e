using IntegrationHub.Jobs;

namespace IntegrationHub.Tests.World;

/// <summary>
/// Hangfire's jobs (schema "hangfire") read as the old work_items rows, so the tests that looked at the queue keep their
/// assertions: kind from the job contract, status pending/running/done/failed from the Hangfire state, attempts from the
/// performings JobOutcomeFilter counts, last_error from the current state's reason, leased_by from the server that
/// processed it, connection_id from the job's first argument (a hook's connection for a rotation), args for the rest.
/// Read-only: tests never write to Hangfire's tables.
/// </summary>
public static class JobRows
{
    public const string Table = """
        (SELECT j.id,
            CASE WHEN j.invocationdata::text LIKE '%IDiscoverConnectionJob%' THEN 'discover'
                 WHEN j.invocationdata::text LIKE '%IHookBatchJob%' THEN 'register_hook'
                 WHEN j.invocationdata::text LIKE '%ISyncHooksJob%' THEN 'sync_hooks'
                 WHEN j.invocationdata::text LIKE '%IReconcileHooksJob%' THEN 'reconcile_hooks'
                 WHEN j.invocationdata::text LIKE '%IRemoveHooksJob%' THEN 'remove_hooks'
                 WHEN j.invocationdata::text LIKE '%IRotateSecretJob%' THEN 'rotate_secret'
                 ELSE 'other' END AS kind,
            CASE j.statename WHEN 'Succeeded' THEN 'done' WHEN 'Failed' THEN 'failed' WHEN 'Processing' THEN 'running'
                 WHEN 'Deleted' THEN 'deleted' ELSE 'pending' END AS status,
            CASE WHEN j.invocationdata::text LIKE '%IRotateSecretJob%'
                 THEN (SELECT h.connection_id FROM hooks h WHERE h.id = trim(both '"' from (j.arguments::jsonb ->> 0))::uuid)
                 WHEN j.invocationdata::text LIKE '%IntegrationHub.Jobs.I%' AND j.arguments::jsonb ->> 0 LIKE '"%-%-%-%-%"'
                 THEN trim(both '"' from (j.arguments::jsonb ->> 0))::uuid END AS connection_id,
            j.arguments::text AS args,
            coalesce((SELECT p.value FROM hangfire.jobparameter p WHERE p.jobid = j.id AND p.name = 'hub.performings'), '0')::int AS attempts,
            (SELECT s.reason FROM hangfire.state s WHERE s.id = j.stateid) AS last_error,
            (SELECT string_agg(DISTINCT split_part(s.data::jsonb ->> 'ServerId', ':', 1), ',') FROM hangfire.state s
                WHERE s.jobid = j.id AND s.name = 'Processing') AS leased_by
        FROM hangfire.job j) AS work_items
        """;
}
