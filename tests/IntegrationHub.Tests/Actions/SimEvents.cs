using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Events;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Tests.World;
using IntegrationHub.Transport;
namespace IntegrationHub.Tests.Actions;

/// <summary>
/// Events as the hub stores them from a simulator webhook: a hook at the simulator (delivering to a closed port), the
/// delivery's own body and event name read back from the simulator, normalized by the provider's normalizer and stored
/// by the hub's <see cref="EventStore"/>, as ingest does, without waiting for a worker.
/// </summary>
internal static class SimEvents
{
    public static async Task HookAsync(ActionsRepo repo)
    {
        var kind = Kind(repo);
        var api = ProviderCatalog.For(kind).CreateApi(new HttpClient(), new ProviderConnectionInfo(new Uri(repo.BaseUrl), repo.Token), TimeProvider.System);
        await api.Hooks.CreateAsync(new RepositoryRef(repo.ExternalId, repo.HubPath, repo.ProjectId),
            new HookSpec(new Uri("http://127.0.0.1:9/hooks"), "actions-secret-0123456789", ProviderCatalog.For(kind).Descriptor.DefaultHookEvents, BasicAuthUsername: "hub"),
            CancellationToken.None);
    }

    /// <summary>Someone comments on pull request <paramref name="number"/>; returns the stored event's id and the comment's thread (Azure).</summary>
    public static async Task<(long EventId, long? ThreadId)> PullRequestCommentAsync(HubWorld world, ActionsRepo repo, int number, string body)
    {
        var e = await world.ControlAsync("events/comment", new { provider = repo.Provider, repo = repo.FullName, number, on = "pull", body });
        long deliveryId = (long)e["deliveries"]!.AsArray().First()!["id"]!;
        long? thread = e["threadId"] is { } t ? (long)t : null;
        return (await StoreAsync(world, repo, deliveryId, nameof(EventKind.CommentCreatedOnPullRequest)), thread);
    }

    /// <summary>Someone pushes to the default branch; returns the stored Push event's id and the commit pushed.</summary>
    public static async Task<(long EventId, string Sha)> PushAsync(HubWorld world, ActionsRepo repo)
    {
        var e = await world.ControlAsync("events/push", new { provider = repo.Provider, repo = repo.FullName });
        long deliveryId = (long)e["deliveries"]!.AsArray().First()!["id"]!;
        return (await StoreAsync(world, repo, deliveryId, nameof(EventKind.Push)), (string)e["sha"]!);
    }

    private static async Task<long> StoreAsync(HubWorld world, ActionsRepo repo, long deliveryId, string kind)
    {
        var deliveries = (JsonArray)JsonNode.Parse(await world.Sim.GetStringAsync($"/_sim/deliveries?provider={repo.Provider}&body=true"))!;
        var delivery = deliveries.First(d => (long)d!["id"]! == deliveryId)!;
        var result = ProviderCatalog.For(Kind(repo)).Normalizer.Normalize((string)delivery["event"]!,
            Encoding.UTF8.GetBytes((string)delivery["body"]!), DateTimeOffset.UtcNow);
        Assert.True(result.Events.Count > 0, $"the simulator's delivery normalized to nothing: {result.Reason}");
        await using var conn = await world.Db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var tenantId = Guid.Parse((await world.QueryAsync("SELECT tenant_id FROM repositories WHERE id = $1", repo.RepositoryId)).Single());
        await new EventStore(TimeProvider.System).StoreAsync(conn, tx, new EventTarget(tenantId, repo.ConnectionId, repo.RepositoryId, null),
            result.Events, EventSource.Webhook, null, CancellationToken.None);
        await tx.CommitAsync();
        return long.Parse((await world.QueryAsync("SELECT max(id) FROM events WHERE repository_id = $1 AND kind = $2", repo.RepositoryId, kind)).Single(),
            System.Globalization.CultureInfo.InvariantCulture);
    }

    private static ProviderKind Kind(ActionsRepo repo) =>
        ProviderSlugs.TryParse(repo.Provider, out var kind) ? kind : throw new ArgumentException(repo.Provider);
}
