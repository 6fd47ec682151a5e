using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Data;
using IntegrationHub.HookRegistration;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Hooks;

/// <summary>What is at the provider for a <see cref="SharedRepository"/>, read from the simulator over HTTP.</summary>
internal static class SharedRepositoryChecks
{
    /// <summary>
    /// The provider's hooks on the repository delivering to <paramref name="url"/>, one line each with everything a
    /// change by the hub would show (for Azure DevOps, one subscription per line): id, URL, events, state, secret.
    /// </summary>
    public static async Task<string> AtProviderAsync(this SharedRepositoryFixture shared, SharedRepository r, string url) =>
        string.Join("\n", (await OnRepositoryAsync(shared, r)).Where(h => (string?)h["url"] == url)
            .Select(h => $"{h["id"]} {h["url"]} [{string.Join(",", h["events"]!.AsArray().Select(e => (string?)e))}] active={h["active"]} secret={h["hasSecret"]} status={h["status"]}")
            .Order(StringComparer.Ordinal));

    /// <summary>The distinct delivery URLs of the repository's hooks at the provider.</summary>
    public static async Task<List<string>> UrlsAtProviderAsync(this SharedRepositoryFixture shared, SharedRepository r) =>
        [.. (await OnRepositoryAsync(shared, r)).Select(h => (string)h["url"]!).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>
    /// B's hooks at the provider are exactly as they were, B's row still says registered with the same provider id, and a
    /// push to the repository reaches B signed with B's secret. Returns that push's deliveries, for checks on A.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, List<WebhookRequest>>> AssertBUntouchedAsync(
        this SharedRepositoryFixture shared, SharedRepository r, string before)
    {
        Assert.NotEqual("", before);
        Assert.Equal(before, await shared.AtProviderAsync(r, r.B.Url));
        Assert.Equal($"registered {r.B.ProviderHookId}",
            await shared.World.ScalarAsync<string>("SELECT status || ' ' || coalesce(provider_hook_id, '') FROM hooks WHERE id = $1", r.B.HookId));
        var pushed = await shared.PushAsync(r);
        Assert.True(await shared.VerifiesAsync(pushed, r.B), $"{r.Provider}: tenant B's delivery did not verify with B's secret");
        return pushed;
    }

    /// <summary>Pushes to the repository; returns what the provider sent to each hook URL (the attempt's headers and body).</summary>
    public static async Task<IReadOnlyDictionary<string, List<WebhookRequest>>> PushAsync(this SharedRepositoryFixture shared, SharedRepository r)
    {
        var pushed = await shared.World.ControlAsync("events/push", new { provider = r.Provider, repo = r.SimPath });
        await shared.World.SimDeliveriesIdleAsync();

        var urls = (await OnRepositoryAsync(shared, r)).ToDictionary(h => h["id"]!.ToString(), h => (string)h["url"]!);
        var sent = new Dictionary<string, List<WebhookRequest>>(StringComparer.Ordinal);
        foreach (var d in pushed["deliveries"]!.AsArray().Where(d => d!["skipped"] is null))
        {
            string hookId = d!["hookId"]!.ToString();
            var log = JsonNode.Parse(await shared.World.Sim.GetStringAsync($"/_sim/deliveries?provider={r.Provider}&hookId={hookId}&body=true"))!.AsArray();
            var delivery = log.Single(x => x!["id"]!.ToString() == d["id"]!.ToString())!;
            var headers = delivery["attempts"]![0]!["headers"]!.AsObject().ToDictionary(kv => kv.Key, kv => (string)kv.Value!);
            var request = new WebhookRequest(headers, Encoding.UTF8.GetBytes((string)delivery["body"]!));
            if (urls.TryGetValue(hookId, out string? url))
            {
                (sent.TryGetValue(url, out var list) ? list : sent[url] = []).Add(request);
            }
        }

        return sent;
    }

    /// <summary>
    /// True when the provider sent the push to <paramref name="side"/>'s hook URL and every such delivery verifies with the
    /// secrets its row accepts now (only the current one with <paramref name="currentOnly"/>).
    /// </summary>
    public static async Task<bool> VerifiesAsync(this SharedRepositoryFixture shared, IReadOnlyDictionary<string, List<WebhookRequest>> pushed,
        TenantSide side, bool currentOnly = false)
    {
        if (!pushed.TryGetValue(side.Url, out var requests))
        {
            return false;
        }

        Hook hook;
        await using (var db = TestDb.Create(shared.World.ConnectionString, tenantId: null))
        {
            hook = await db.Hooks.IgnoreQueryFilters().AsNoTracking().SingleAsync(h => h.Id == side.HookId);
        }

        var now = DateTimeOffset.UtcNow;
        var accepted = HookSecrets.Accepted(hook, now, shared.Protector);
        Assert.True(ProviderSlugs.TryParse(hook.Provider, out var kind));
        var verifier = ProviderCatalog.For(kind).Verifier;
        return requests.All(q => verifier.Verify(q, currentOnly ? [accepted[0]] : accepted, now).IsValid);
    }

    /// <summary>The provider's API with the tenant's token, as a person editing the repository's webhooks would use it.</summary>
    public static async Task<(IProviderApi Api, RepositoryRef Target)> PersonAsync(this SharedRepositoryFixture shared, TenantSide side)
    {
        await using var db = TestDb.Create(shared.World.ConnectionString, tenantId: null);
        var connection = await db.Connections.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == side.ConnectionId);
        var repository = await db.Repositories.IgnoreQueryFilters().AsNoTracking().SingleAsync(x => x.Id == side.RepositoryId);
        var api = await shared.World.Hub.Services.GetRequiredService<IConnectionApis>().ForAsync(connection, CancellationToken.None);
        return (api, HookProviderSync.Ref(repository));
    }

    private static async Task<List<JsonNode>> OnRepositoryAsync(SharedRepositoryFixture shared, SharedRepository r) =>
        [.. JsonNode.Parse(await shared.World.Sim.GetStringAsync($"/_sim/hooks?provider={r.Provider}"))!.AsArray()
            .Where(h => (string?)h!["repo"] == r.SimPath).Select(h => h!)];
}
