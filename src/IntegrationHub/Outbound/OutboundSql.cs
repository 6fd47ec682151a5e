namespace IntegrationHub.Outbound;

/// <summary>SQL pieces the fan-out and replay share, so both produce the same rows.</summary>
internal static class OutboundSql
{
    /// <summary>
    /// The webhook-id of (subscription s, event e): derived, not random, so a retry, a replay and a row re-created by
    /// fan-out after a crash all carry the same id and a receiver deduplicates on it.
    /// </summary>
    public const string MessageId = "'msg_' || replace(s.id::text, '-', '') || '_' || e.id";

    /// <summary>The subscription's filters on event e: empty kinds or repositories match everything.</summary>
    public const string Matches = """
        (cardinality(s.kinds) = 0 OR e.kind = ANY(s.kinds))
        AND (cardinality(s.repository_ids) = 0 OR e.repository_id = ANY(s.repository_ids))
        """;
}
