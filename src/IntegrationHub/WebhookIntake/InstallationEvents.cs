using IntegrationHub.ProviderAccess.GitHubApps;
using IntegrationHub.Providers.GitHub;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// A GitHub App's events about its installation, applied to the app connection the delivery was routed to, in the
/// delivery's own transaction (<see cref="DeliveryProcessor"/>): each changes the connection only while it still holds that
/// installation. They come through the app webhook only.
/// <list type="bullet">
/// <item><c>installation.deleted</c>: uninstalled at GitHub; the connection is disconnected at once and the shared row of
/// its installation token deleted (<see cref="UninstalledInstallation"/>; a node's memory may hold the token until its hour
/// ends: GitHub refuses it, and the disconnected connection asks for none).</item>
/// <item><c>installation.suspend</c> / <c>unsuspend</c>: the connection is paused (no poll, actions refused with the reason)
/// and resumed; GitHub sends no events and refuses tokens meanwhile. Deliveries are processed in parallel and retried, so
/// the installation's <c>updated_at</c> is its version: the connection keeps the version applied last and an older event
/// changes nothing (a suspend processed after a later unsuspend would otherwise pause it for good).</item>
/// <item><c>installation_repositories.added</c> / <c>removed</c>: repositories join the connection (watched as its watch mode
/// says, polled like discovered ones) or are marked gone at once. These carry no version (an earlier <c>added</c> processed
/// after a later <c>removed</c> would bring the repository back), so each also asks for a discovery once it is committed
/// (<see cref="InstallationEventResult.Rediscover"/>): discovery lists <c>GET /installation/repositories</c>, GitHub's
/// current answer, and corrects whatever order the events were applied in.</item>
/// <item><c>installation.created</c>, <c>new_permissions_accepted</c>: nothing to change (an installation is attached by the
/// install flow, which creates the connection; a created event for one nobody attached never gets here).</item>
/// </list>
/// https://docs.github.com/webhooks/webhook-events-and-payloads#installation,
/// https://docs.github.com/webhooks/webhook-events-and-payloads#installation_repositories
/// </summary>
internal static class InstallationEvents
{
    public static bool Handles(string? eventName) => eventName is "installation" or "installation_repositories";

    /// <summary>Applies the event; returns what it did, in words for the delivery log, and whether a discovery should follow.</summary>
    public static async Task<InstallationEventResult> ApplyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ClaimedDelivery d, byte[] body, DateTimeOffset now,
        CancellationToken ct)
    {
        if (GitHubInstallationEvent.Parse(body) is not { } e)
        {
            return new("no installation id in the body; nothing changed", Rediscover: false);
        }

        if (d.EventName == "installation_repositories")
        {
            return await RepositoriesAsync(conn, tx, d, e, now, ct);
        }

        string note = (d.EventName, e.Action) switch
        {
            ("installation", "deleted") => await UninstalledInstallation.DisconnectAsync(conn, tx, d.ConnectionId, e.InstallationId,
                    "installation.deleted delivered by the app webhook", now, ct)
                ? "connection disconnected: the app was uninstalled"
                : "the connection no longer holds this installation or is not live; nothing changed",
            ("installation", "suspend") => await ConnectionAsync(conn, tx, d.ConnectionId, e.InstallationId, now, $"""
                UPDATE connections SET github_suspended_at = coalesce(github_suspended_at, $5, $3), updated_at = $3, {VersionSet}
                WHERE id = $1 AND github_installation_id = $2 AND {VersionNotOlder}
                """, "connection paused: the installation is suspended", ct, e.UpdatedAt, e.SuspendedAt),
            ("installation", "unsuspend") => await ConnectionAsync(conn, tx, d.ConnectionId, e.InstallationId, now, $"""
                UPDATE connections SET github_suspended_at = NULL, updated_at = $3, {VersionSet}
                WHERE id = $1 AND github_installation_id = $2 AND {VersionNotOlder}
                """, "connection resumed: the installation is unsuspended", ct, e.UpdatedAt),
            _ => $"installation event '{e.Action}': nothing to change",
        };
        return new(note, Rediscover: false);
    }

    // An event without a readable updated_at is applied (as before versions were kept) and leaves the kept version as it is.
    private const string VersionSet = "github_installation_version = greatest(github_installation_version, $4)";
    private const string VersionNotOlder = "($4::timestamptz IS NULL OR github_installation_version IS NULL OR github_installation_version <= $4)";

    private static async Task<string> ConnectionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid connectionId, long installationId,
        DateTimeOffset now, string sql, string done, CancellationToken ct, DateTimeOffset? version = null, DateTimeOffset? suspendedAt = null)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        cmd.Parameters.Add(new() { Value = connectionId });
        cmd.Parameters.Add(new() { Value = installationId });
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = (object?)version ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new() { Value = (object?)suspendedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        if (await cmd.ExecuteNonQueryAsync(ct) == 0)
        {
            return version is null
                ? "the connection no longer holds this installation; nothing changed"
                : "the connection no longer holds this installation or a newer installation event was applied; nothing changed";
        }

        return done;
    }

    private static async Task<InstallationEventResult> RepositoriesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ClaimedDelivery d,
        GitHubInstallationEvent e, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            WITH c AS (
                SELECT id, tenant_id, base_url, watch_mode FROM connections WHERE id = $1 AND github_installation_id = $2
            ), added AS (
                INSERT INTO repositories (id, tenant_id, connection_id, external_id, full_path, visibility, html_url, status, watched,
                                          first_seen_at, last_seen_at)
                SELECT gen_random_uuid(), c.tenant_id, c.id, x.external_id, x.full_path, x.visibility, rtrim(c.base_url, '/') || '/' || x.full_path,
                       'active', c.watch_mode = 'all', $6, $6
                FROM c, unnest($3::text[], $4::text[], $5::text[]) AS x(external_id, full_path, visibility)
                ON CONFLICT (connection_id, external_id) DO UPDATE SET full_path = excluded.full_path, visibility = excluded.visibility,
                    status = 'active', last_seen_at = excluded.last_seen_at, gone_at = NULL
                RETURNING 1
            ), removed AS (
                UPDATE repositories r SET status = 'gone', gone_at = $6
                FROM c WHERE r.connection_id = c.id AND r.external_id = ANY($7) AND r.status <> 'gone'
                RETURNING 1
            ), told AS (
                -- Repositories have no live trigger (discovery writes thousands; their hooks notify): the open Repositories page hears it here.
                SELECT pg_notify('ihub_live', 'connections:' || c.tenant_id::text) FROM c
                WHERE EXISTS (SELECT 1 FROM added) OR EXISTS (SELECT 1 FROM removed)
            )
            SELECT (SELECT count(*) FROM c), (SELECT count(*) FROM added), (SELECT count(*) FROM removed), (SELECT count(*) FROM told)
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = d.ConnectionId });
        cmd.Parameters.Add(new() { Value = e.InstallationId });
        cmd.Parameters.Add(new() { Value = e.Added.Select(r => r.ExternalId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = e.Added.Select(r => r.FullPath).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = e.Added.Select(r => r.IsPrivate ? "private" : "public").ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = e.Removed.Select(r => r.ExternalId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return r.GetInt64(0) == 0
            ? new("the connection no longer holds this installation; nothing changed", Rediscover: false)
            : new($"repositories: {r.GetInt64(1)} added, {r.GetInt64(2)} removed; a discovery checks them against GitHub's list", Rediscover: true);
    }
}
