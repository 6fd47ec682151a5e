using Hangfire;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using Npgsql;

namespace IntegrationHub.Jobs;

/// <summary>
/// The one way features start discrete work: each method enqueues a job through its Jobs/ contract, so a feature that
/// starts another feature's work names only a type of this folder, and Hangfire stores the contract's name (stable when
/// implementations move). The provider name and tenant slug shown in the dashboard's job names are looked up here;
/// they are display-only, never a token, a secret or a body.
/// </summary>
public sealed class JobStarter(IBackgroundJobClient client, OpenJobs open, NpgsqlDataSource db)
{
    /// <summary>Discovery of a connection; a no-op while one is open for it.</summary>
    public Task DiscoverAsync(Guid connectionId, CancellationToken ct) => DiscoverAsync(connectionId, startedCounts: true, ct);

    /// <summary>
    /// Discovery of a connection that lists its repositories after now: something changed at the provider that a run
    /// already under way may have listed before (GitHub App repositories added or removed). Only a run waiting in its queue
    /// counts as open; a started one gets a second queued behind it, which waits for its discovery lock. (A run retried
    /// after a failure waits in its queue too and resumes at its stored page; the nightly discovery covers that rare case.)
    /// </summary>
    public Task DiscoverAfterChangeAsync(Guid connectionId, CancellationToken ct) => DiscoverAsync(connectionId, startedCounts: false, ct);

    private async Task DiscoverAsync(Guid connectionId, bool startedCounts, CancellationToken ct)
    {
        var (provider, tenant) = await NamesAsync(connectionId, ct);
        await open.EnqueueOnceAsync($"discover:{connectionId:N}",
            () => client.Enqueue<IDiscoverConnectionJob>(j => j.RunAsync(connectionId, provider, tenant, CancellationToken.None)), ct, startedCounts);
    }

    public async Task SyncHooksAsync(Guid connectionId, CancellationToken ct)
    {
        var (provider, tenant) = await NamesAsync(connectionId, ct);
        client.Enqueue<ISyncHooksJob>(j => j.RunAsync(connectionId, provider, tenant, CancellationToken.None));
    }

    /// <summary>Work on the hooks of some of a connection's repositories, in jobs of <paramref name="batchSize"/>.</summary>
    public async Task HookBatchesAsync(Guid connectionId, IReadOnlyList<Guid> repositoryIds, int batchSize, CancellationToken ct)
    {
        if (repositoryIds.Count == 0)
        {
            return;
        }

        var (provider, tenant) = await NamesAsync(connectionId, ct);
        foreach (var chunk in repositoryIds.Chunk(Math.Max(1, batchSize)))
        {
            client.Enqueue<IHookBatchJob>(j => j.RunAsync(connectionId, chunk, provider, tenant, chunk.Length, CancellationToken.None));
        }
    }

    public async Task ReconcileHooksAsync(Guid connectionId, DateTimeOffset since, CancellationToken ct)
    {
        var (provider, tenant) = await NamesAsync(connectionId, ct);
        await open.EnqueueOnceAsync($"reconcile:{connectionId:N}",
            () => client.Enqueue<IReconcileHooksJob>(j => j.RunAsync(connectionId, since, provider, tenant, CancellationToken.None)), ct);
    }

    /// <summary>Removal of the hooks on disconnect or revoke; a retry while one is under way adds nothing.</summary>
    public async Task RemoveHooksAsync(Guid connectionId, CancellationToken ct)
    {
        var (provider, tenant) = await NamesAsync(connectionId, ct);
        await open.EnqueueOnceAsync($"remove-hooks:{connectionId:N}",
            () => client.Enqueue<IRemoveHooksJob>(j => j.RunAsync(connectionId, provider, tenant, CancellationToken.None)), ct);
    }

    public async Task RotateSecretAsync(Guid connectionId, Guid hookId, CancellationToken ct)
    {
        var (provider, tenant) = await NamesAsync(connectionId, ct);
        await open.EnqueueOnceAsync($"rotate:{hookId:N}",
            () => client.Enqueue<IRotateSecretJob>(j => j.RunAsync(hookId, provider, tenant, CancellationToken.None)), ct);
    }

    /// <summary>
    /// Active connections that have a token (a webhook-only one has none: every provider call would fail). GitHub App
    /// connections have none either, and no repository hooks to reconcile.
    /// </summary>
    public Task<IReadOnlyList<Guid>> ActiveConnectionsAsync(CancellationToken ct) =>
        ConnectionIdsAsync("status = 'active' AND access_token_protected IS NOT NULL", ct);

    /// <summary>
    /// Active connections whose repositories can be listed: those with a token, and GitHub App connections (listed as
    /// their installation) unless the installation is suspended (GitHub refuses its tokens then).
    /// </summary>
    public Task<IReadOnlyList<Guid>> ListableConnectionsAsync(CancellationToken ct) => ConnectionIdsAsync(
        "status = 'active' AND (access_token_protected IS NOT NULL OR (auth_kind = 'github_app' AND github_suspended_at IS NULL))", ct);

    private async Task<IReadOnlyList<Guid>> ConnectionIdsAsync(string where, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"SELECT id FROM connections WHERE {where} ORDER BY id");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private async Task<(string Provider, string TenantSlug)> NamesAsync(Guid connectionId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT c.provider, t.slug FROM connections c JOIN tenants t ON t.id = c.tenant_id WHERE c.id = $1");
        cmd.Parameters.Add(new() { Value = connectionId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (ProviderName(reader.GetString(0)), reader.GetString(1)) : ("?", "?");
    }

    // Operators read "GitLab", not "gitlab": the providers library's descriptor names it.
    private static string ProviderName(string slug) =>
        ProviderSlugs.TryParse(slug, out var kind) ? ProviderCatalog.For(kind).Descriptor.DisplayName : slug;
}
