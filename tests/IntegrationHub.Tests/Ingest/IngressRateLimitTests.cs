using System.Net;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Ingest;

/// <summary>
/// The ingress's rate limits through HTTP: a hook over its limit and a source spraying bad requests get 429 with Retry-After,
/// while a provider posting valid deliveries under the limit, from its one shared address, is never refused.
/// Refills are one token a minute here, so a slow machine cannot refill a bucket during a test.
/// </summary>
public sealed class IngressRateLimitTests
{
    private const string Provider = "198.51.100.7";
    private const string Attacker = "203.0.113.66";

    [Fact]
    public async Task Deliveries_over_a_hooks_limit_get_429_with_retry_after_and_another_hook_keeps_its_own_budget()
    {
        await using var world = await WorldAsync(hookBurst: 10, addressBurst: 100);
        var busy = await HookAsync(world);
        var quiet = await HookAsync(world);
        var client = IngressClients.From(world, Provider);

        var toBusy = new List<HttpResponseMessage>();
        for (int i = 0; i < 15; i++)
        {
            toBusy.Add(await client.SendAsync(Push(busy)));
        }

        var toQuiet = new List<HttpResponseMessage>();
        for (int i = 0; i < 10; i++)
        {
            toQuiet.Add(await client.SendAsync(Push(quiet)));
        }

        Assert.All(toBusy.Take(10), r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var refused = toBusy.Skip(10).Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.True(refused.Count >= 4, $"only {refused.Count} of the 5 deliveries over the limit were refused");
        Assert.All(refused, AssertRetryAfter);
        Assert.All(toQuiet, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Equal(15 - refused.Count, await world.CountAsync("SELECT count(*) FROM deliveries WHERE hook_id = $1", busy.Id));
    }

    [Fact]
    public async Task A_source_spraying_bad_requests_gets_429_while_the_providers_valid_deliveries_are_all_accepted()
    {
        await using var world = await WorldAsync(hookBurst: 100, addressBurst: 5);
        var hook = await HookAsync(world);
        var removed = await HookAsync(world, hookStatus: "removed");
        var provider = IngressClients.From(world, Provider);
        var attacker = IngressClients.From(world, Attacker);
        var fromProvider = new List<HttpResponseMessage>();
        var fromAttacker = new List<HttpResponseMessage>();

        // The provider posts more valid deliveries than the rejection budget, and a few to a hook we removed (410 is the
        // provider talking to a hook of ours, not abuse); the attacker sprays forged signatures between them.
        for (int i = 0; i < 12; i++)
        {
            fromProvider.Add(await provider.SendAsync(Push(hook)));
            fromAttacker.Add(await attacker.SendAsync(Push(hook, secret: "not-the-secret")));
        }

        var toRemoved = new[] { await provider.SendAsync(Push(removed)), await provider.SendAsync(Push(removed)) };
        var validFromAttacker = await attacker.SendAsync(Push(hook));
        var afterwards = await provider.SendAsync(Push(hook));

        Assert.All(fromProvider, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.All(toRemoved, r => Assert.Equal(HttpStatusCode.Gone, r.StatusCode));
        Assert.Equal(HttpStatusCode.Accepted, afterwards.StatusCode);
        Assert.All(fromAttacker.Take(5), r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.True(fromAttacker.Skip(5).All(r => r.StatusCode == HttpStatusCode.TooManyRequests), Codes(fromAttacker));
        Assert.All(fromAttacker.Skip(5), AssertRetryAfter);
        // Once its budget is spent, the source is refused for every hook it has not delivered a verified delivery to.
        Assert.Equal(HttpStatusCode.TooManyRequests, validFromAttacker.StatusCode);
        Assert.Equal(13, await world.CountAsync("SELECT count(*) FROM deliveries WHERE hook_id = $1", hook.Id));
    }

    [Fact]
    public async Task An_ipv6_sprayer_cannot_escape_its_budget_by_changing_addresses_within_its_64()
    {
        await using var world = await WorldAsync(hookBurst: 100, addressBurst: 3);
        var hook = await HookAsync(world);

        var spray = new List<HttpResponseMessage>();
        for (int i = 1; i <= 5; i++)
        {
            spray.Add(await IngressClients.From(world, $"2001:db8:1:2::{i:x}").SendAsync(Push(hook, secret: "not-the-secret")));
        }

        var otherNetwork = await IngressClients.From(world, "2001:db8:1:3::1").SendAsync(Push(hook));

        Assert.All(spray.Take(3), r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.True(spray.Skip(3).All(r => r.StatusCode == HttpStatusCode.TooManyRequests), Codes(spray));
        Assert.Equal(HttpStatusCode.Accepted, otherNetwork.StatusCode);
    }

    [Fact]
    public async Task Forged_and_misdirected_deliveries_through_a_providers_address_never_get_its_real_deliveries_refused()
    {
        // Another tenant on a shared repository can add a webhook that makes the provider itself post to our hook with a
        // wrong secret, or to made-up hook ids: all of it arrives from the provider's address, like every real delivery.
        await using var world = await WorldAsync(hookBurst: 100, addressBurst: 3);
        var hook = await HookAsync(world);
        var fresh = await HookAsync(world);
        var provider = IngressClients.From(world, Provider);

        var first = await provider.SendAsync(Push(hook));
        var forged = new List<HttpResponseMessage>();
        var unknown = new List<HttpResponseMessage>();
        for (int i = 0; i < 8; i++)
        {
            forged.Add(await provider.SendAsync(Push(hook, secret: "not-the-secret")));
            unknown.Add(await provider.SendAsync(Push(hook with { Id = Guid.NewGuid() })));
        }

        var after = await provider.SendAsync(Push(hook));
        var firstToFresh = await provider.SendAsync(Push(fresh));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.All(forged, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode)); // rejected, but spent nothing
        Assert.All(unknown, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(HttpStatusCode.Accepted, after.StatusCode);
        // A hook the address never delivered to before is served too: nothing above spent the address's budget.
        Assert.Equal(HttpStatusCode.Accepted, firstToFresh.StatusCode);
    }

    private static Task<HubWorld> WorldAsync(int hookBurst, int addressBurst) => HubWorld.StartAsync(new HubWorldOptions
    {
        Settings = new Dictionary<string, string?>
        {
            ["Hub:Ingest:Ingress:HookBurst"] = hookBurst.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hub:Ingest:Ingress:HookPerMinute"] = "1",
            ["Hub:Ingest:Ingress:AddressRejectionBurst"] = addressBurst.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hub:Ingest:Ingress:AddressRejectionsPerMinute"] = "1",
        },
    });

    private static async Task<TestHook> HookAsync(HubWorld world, string hookStatus = "registered")
    {
        var tenant = await world.TenantAsync("Limits " + Guid.NewGuid().ToString("n")[..6]);
        return await world.SignedHookAsync(tenant, "github", SignedDeliveries.NewSecret(Scheme.GitHub), hookStatus: hookStatus);
    }

    private static HttpRequestMessage Push(TestHook hook, string? secret = null) => SignedDeliveries.Create(Scheme.GitHub, hook,
        IngestFixtures.Bytes("github/push.new-branch.json"), "push", Guid.NewGuid().ToString(), secret: secret);

    private static string Codes(IEnumerable<HttpResponseMessage> responses) => string.Join(",", responses.Select(r => (int)r.StatusCode));

    private static void AssertRetryAfter(HttpResponseMessage response)
    {
        var after = response.Headers.RetryAfter?.Delta;
        Assert.True(after is { } d && d >= TimeSpan.FromSeconds(1) && d <= TimeSpan.FromMinutes(1), $"Retry-After was {after}");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }
}
