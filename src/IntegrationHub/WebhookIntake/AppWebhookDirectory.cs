using System.Collections.Concurrent;
using IntegrationHub.ProviderAccess.GitHubApps;
using IntegrationHub.Settings;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// What the app webhook's ingress looks up, kept in memory like <see cref="HookDirectory"/> keeps hooks: tenant apps (their
/// webhook secrets still encrypted) and installation routes (app and installation id to the app connection's hook). Any
/// note on the hook directory's channel drops everything here: app connections, their hooks and tenant apps change rarely
/// (an attach, a disconnect, a suspend, a new secret) and a drop costs one read per route, while a targeted drop would need
/// an index by connection. The same rules otherwise: nothing is kept while not listening, a read that began before a note
/// is not kept, entries expire after <see cref="IngressOptions.HookDirectorySeconds"/>. A tenant app id no row has is kept
/// as such (null) by the same rules, so a URL sprayed with it costs no read per post; the app's creation sends a note
/// (migration 0043), so a kept miss never hides a new app. Unknown installations are not kept (an attach must route at
/// once; they are rare and cost one indexed read).
/// </summary>
internal sealed class AppWebhookDirectory(NpgsqlDataSource db, PlatformGitHubApp platform, IOptions<IngressOptions> options, IOptions<HubOptions> hub,
    TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, AppDirectoryEntry<IngressApp?>> _apps = new();
    private readonly ConcurrentDictionary<(Guid?, long), AppDirectoryEntry<IngressHook>> _routes = new();
    private readonly Lock _lock = new();
    private readonly TimeSpan _ttl = TimeSpan.FromSeconds(Math.Max(0, options.Value.HookDirectorySeconds));
    private readonly int _capacity = Math.Max(0, options.Value.HookDirectoryEntries);
    private long _epoch;
    private bool _listening;

    /// <summary>Whether entries are kept: only while the change notes are listened to.</summary>
    public bool Listening => Volatile.Read(ref _listening);

    /// <summary>Whether this tenant app id is kept, found or not (tests look).</summary>
    public bool HoldsApp(Guid ownAppId) => _apps.TryGetValue(ownAppId, out var kept) && kept.Expires > clock.GetUtcNow();

    /// <summary>The platform app (null: none configured), or a tenant's own app by its row id (null: no such app).</summary>
    public async Task<IngressApp?> FindAppAsync(Guid? ownAppId, CancellationToken ct)
    {
        if (ownAppId is not { } id)
        {
            return platform.Credentials is { } p ? new IngressApp(null, p.AppId, p.WebhookSecret, null) : null;
        }

        if (_apps.TryGetValue(id, out var kept) && kept.Expires > clock.GetUtcNow())
        {
            return kept.Value;
        }

        long epoch = Interlocked.Read(ref _epoch);
        await using var cmd = db.CreateCommand("SELECT app_id, webhook_secret_protected FROM github_apps WHERE id = $1");
        cmd.Parameters.Add(new() { Value = id });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var app = await r.ReadAsync(ct) ? new IngressApp(id, r.GetInt64(0), null, r.GetString(1)) : null;
        Keep(_apps, id, app, epoch);
        return app;
    }

    /// <summary>
    /// The hook of the app connection holding this installation of this app, made if the connection has none yet; null when
    /// no connection holds it. One connection at most holds it (migration 0039's unique index). A connection that is not live
    /// gets no hook row made for it: its deliveries are answered and recorded like an unknown installation's.
    /// </summary>
    public async Task<IngressHook?> FindInstallationAsync(IngressApp app, long installationId, CancellationToken ct)
    {
        var key = (app.OwnAppId, installationId);
        if (_routes.TryGetValue(key, out var kept) && kept.Expires > clock.GetUtcNow())
        {
            return kept.Value;
        }

        long epoch = Interlocked.Read(ref _epoch);
        var hook = await ReadRouteAsync(app, installationId, ct);
        if (hook is not null)
        {
            Keep(_routes, key, hook, epoch);
        }

        return hook;
    }

    /// <summary>A change note (see <see cref="HookDirectory.Forget"/>): whatever it names, everything here goes.</summary>
    public void Forget() => SetListening(null);

    public void Listened() => SetListening(true);

    public void Lost() => SetListening(false);

    private async Task<IngressHook?> ReadRouteAsync(IngressApp app, long installationId, CancellationToken ct)
    {
        for (int attempt = 0; attempt < 2; attempt++)
        {
            await using var cmd = db.CreateCommand("""
                SELECT c.id, c.tenant_id, c.status, h.id, h.status
                FROM connections c LEFT JOIN hooks h ON h.connection_id = c.id AND h.app_webhook AND h.status <> 'removed'
                WHERE c.github_installation_id = $2 AND c.auth_kind = 'github_app' AND c.provider = 'github'
                  AND c.github_app_id IS NOT DISTINCT FROM $1
                """);
            cmd.Parameters.Add(new() { Value = (object?)app.OwnAppId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
            cmd.Parameters.Add(new() { Value = installationId });
            Guid connectionId, tenantId;
            await using (var r = await cmd.ExecuteReaderAsync(ct))
            {
                if (!await r.ReadAsync(ct))
                {
                    return null;
                }

                connectionId = r.GetGuid(0);
                tenantId = r.GetGuid(1);
                if (!r.IsDBNull(3))
                {
                    return Hook(r.GetGuid(3), tenantId, connectionId, r.GetString(4), r.GetString(2));
                }

                if (r.GetString(2) is not ("active" or "needs_reauthorization"))
                {
                    return null;
                }
            }

            await AddHookAsync(tenantId, connectionId, app, ct);
        }

        return null;
    }

    /// <summary>The connection's share of the app webhook, made on its first delivery (a concurrent first delivery makes it once).</summary>
    private async Task AddHookAsync(Guid tenantId, Guid connectionId, IngressApp app, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO hooks (id, tenant_id, connection_id, repository_id, provider, url, secret_protected, status, registered_at,
                               app_webhook, created_at, updated_at)
            VALUES ($1, $2, $3, NULL, 'github', $4, '', 'registered', $5, true, $5, $5)
            ON CONFLICT (connection_id) WHERE app_webhook AND status <> 'removed' DO NOTHING
            """);
        cmd.Parameters.Add(new() { Value = Guid.NewGuid() });
        cmd.Parameters.Add(new() { Value = tenantId });
        cmd.Parameters.Add(new() { Value = connectionId });
        cmd.Parameters.Add(new() { Value = AppWebhookRoutes.Url(hub.Value.PublicBaseUrl, app.OwnAppId) });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static IngressHook Hook(Guid hookId, Guid tenantId, Guid connectionId, string status, string connectionStatus) =>
        new(hookId, tenantId, connectionId, null, "github", status, connectionStatus,
            new Data.Hook { Id = hookId, Provider = "github", Url = string.Empty, SecretProtected = string.Empty, AppWebhook = true });

    private void Keep<TKey, TValue>(ConcurrentDictionary<TKey, AppDirectoryEntry<TValue>> entries, TKey key, TValue value, long epoch) where TKey : notnull
    {
        lock (_lock)
        {
            if (_listening && _epoch == epoch && _ttl > TimeSpan.Zero && _apps.Count + _routes.Count < _capacity)
            {
                entries[key] = new AppDirectoryEntry<TValue>(value, clock.GetUtcNow() + _ttl);
            }
        }
    }

    private void SetListening(bool? listening)
    {
        lock (_lock)
        {
            _epoch++;
            _apps.Clear();
            _routes.Clear();
            if (listening is { } l)
            {
                _listening = l;
            }
        }
    }

    private sealed record AppDirectoryEntry<T>(T Value, DateTimeOffset Expires);
}
