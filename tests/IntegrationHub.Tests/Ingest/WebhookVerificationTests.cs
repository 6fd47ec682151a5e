using System.Net;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Ingest;

/// <summary>Every verification rule, per provider, through HTTP: a rejection stores nothing but a counter.</summary>
public sealed class WebhookVerificationTests(HubWorldFixture fx) : IClassFixture<HubWorldFixture>
{
    public static TheoryData<Scheme> AllSchemes => new(Enum.GetValues<Scheme>());

    /// <summary>Schemes that sign the body; GitLab's clear token and Azure's Basic credentials authenticate the sender only.</summary>
    public static TheoryData<Scheme> BodySigningSchemes => new(Scheme.GitHub, Scheme.GitLabSigning, Scheme.BitbucketCloud, Scheme.BitbucketDataCenter);

    [Theory, MemberData(nameof(AllSchemes))]
    public async Task Accepts_a_validly_signed_delivery_and_stores_it(Scheme scheme)
    {
        var (hook, body, eventName) = await SetUpAsync(scheme);

        var response = await SendAsync(SignedDeliveries.Create(scheme, hook, body, eventName, NewId()));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, await Stored(hook));
        await fx.World.FlushRejectionsAsync();
        Assert.Equal(0, await Rejections(hook));
    }

    [Theory, MemberData(nameof(BodySigningSchemes))]
    public async Task Rejects_a_tampered_body(Scheme scheme)
    {
        var (hook, body, eventName) = await SetUpAsync(scheme);
        byte[] tampered = [.. body[..^2], (byte)' ', .. body[^1..]];

        var response = await SendAsync(SignedDeliveries.Create(scheme, hook, body, eventName, NewId(), sentBody: tampered));

        await AssertRejectedAsync(response, HttpStatusCode.Unauthorized, hook, "bad_signature");
    }

    [Theory, MemberData(nameof(AllSchemes))]
    public async Task Rejects_a_delivery_signed_with_the_wrong_secret(Scheme scheme)
    {
        var (hook, body, eventName) = await SetUpAsync(scheme);

        var response = await SendAsync(SignedDeliveries.Create(scheme, hook, body, eventName, NewId(), secret: SignedDeliveries.NewSecret(scheme)));

        await AssertRejectedAsync(response, HttpStatusCode.Unauthorized, hook, "bad_signature");
    }

    [Theory, MemberData(nameof(AllSchemes))]
    public async Task Rejects_a_delivery_without_its_signature_header(Scheme scheme)
    {
        var (hook, body, eventName) = await SetUpAsync(scheme);

        var response = await SendAsync(SignedDeliveries.Create(scheme, hook, body, eventName, NewId(), sign: false));

        await AssertRejectedAsync(response, HttpStatusCode.Unauthorized, hook, "missing_header");
    }

    [Theory, MemberData(nameof(AllSchemes))]
    public async Task Rejects_a_delivery_to_an_unknown_hook(Scheme scheme)
    {
        var (hook, body, eventName) = await SetUpAsync(scheme);
        var unknown = hook with { Id = Guid.NewGuid() };
        string provider = SignedDeliveries.Provider(scheme);
        await fx.World.FlushRejectionsAsync();
        long before = await UnknownCount(provider);

        var response = await SendAsync(SignedDeliveries.Create(scheme, unknown, body, eventName, NewId()));
        await fx.World.FlushRejectionsAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("unknown hook", (await response.Content.ReadAsStringAsync()).Trim());
        Assert.Equal(0, await fx.World.CountAsync("SELECT count(*) FROM deliveries WHERE hook_id = $1", unknown.Id));
        Assert.Equal(before + 1, await UnknownCount(provider));
    }

    [Theory, MemberData(nameof(AllSchemes))]
    public async Task Rejects_a_delivery_to_a_hook_of_a_disconnected_connection(Scheme scheme)
    {
        var (hook, body, eventName) = await SetUpAsync(scheme, connectionStatus: "disconnected");

        var response = await SendAsync(SignedDeliveries.Create(scheme, hook, body, eventName, NewId()));

        await AssertRejectedAsync(response, HttpStatusCode.Gone, hook, "connection_inactive");
    }

    [Theory, MemberData(nameof(AllSchemes))]
    public async Task Rejects_a_delivery_to_a_removed_hook(Scheme scheme)
    {
        var (hook, body, eventName) = await SetUpAsync(scheme, hookStatus: "removed");

        var response = await SendAsync(SignedDeliveries.Create(scheme, hook, body, eventName, NewId()));

        await AssertRejectedAsync(response, HttpStatusCode.Gone, hook, "hook_inactive");
    }

    [Theory, MemberData(nameof(AllSchemes))]
    public async Task Accepts_the_previous_secret_during_rotation_grace(Scheme scheme)
    {
        string previous = SignedDeliveries.NewSecret(scheme);
        var (hook, body, eventName) = await SetUpAsync(scheme, previous: previous, previousExpiresAt: DateTimeOffset.UtcNow.AddHours(1));

        var byPrevious = await SendAsync(SignedDeliveries.Create(scheme, hook, body, eventName, NewId(), secret: previous));
        var byCurrent = await SendAsync(SignedDeliveries.Create(scheme, hook, body, eventName, NewId()));

        Assert.Equal(HttpStatusCode.Accepted, byPrevious.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, byCurrent.StatusCode);
        Assert.Equal(2, await Stored(hook));
    }

    [Theory, MemberData(nameof(AllSchemes))]
    public async Task Rejects_the_previous_secret_once_its_grace_has_ended(Scheme scheme)
    {
        string previous = SignedDeliveries.NewSecret(scheme);
        var (hook, body, eventName) = await SetUpAsync(scheme, previous: previous, previousExpiresAt: DateTimeOffset.UtcNow.AddMinutes(-1));

        var response = await SendAsync(SignedDeliveries.Create(scheme, hook, body, eventName, NewId(), secret: previous));

        await AssertRejectedAsync(response, HttpStatusCode.Unauthorized, hook, "bad_signature");
    }

    private async Task<(TestHook Hook, byte[] Body, string Event)> SetUpAsync(Scheme scheme, string? previous = null,
        DateTimeOffset? previousExpiresAt = null, string connectionStatus = "active", string hookStatus = "registered")
    {
        var tenant = await fx.World.TenantAsync("Verify " + Guid.NewGuid().ToString("n")[..6]);
        var hook = await fx.World.SignedHookAsync(tenant, SignedDeliveries.Provider(scheme), SignedDeliveries.NewSecret(scheme), previous, previousExpiresAt,
            connectionStatus: connectionStatus, hookStatus: hookStatus);
        var (fixture, eventName) = SignedDeliveries.Push(scheme);
        return (hook, IngestFixtures.Bytes(fixture), eventName);
    }

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => fx.World.Hub.CreateClient().SendAsync(request);

    private async Task AssertRejectedAsync(HttpResponseMessage response, HttpStatusCode status, TestHook hook, string reason)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(await response.Content.ReadAsStringAsync()));
        Assert.Equal(0, await Stored(hook));
        // Rejections are counted in memory; the periodic flush writes them.
        await fx.World.FlushRejectionsAsync();
        Assert.Equal(1, await fx.World.CountAsync("SELECT count FROM delivery_rejections WHERE hook_id = $1 AND reason = $2", hook.Id, reason));
        Assert.Equal(1, await fx.World.CountAsync("SELECT rejected_count FROM hooks WHERE id = $1", hook.Id));
    }

    private Task<long> Stored(TestHook hook) => fx.World.CountAsync("SELECT count(*) FROM deliveries WHERE hook_id = $1", hook.Id);

    private Task<long> Rejections(TestHook hook) =>
        fx.World.CountAsync("SELECT coalesce(sum(count), 0) FROM delivery_rejections WHERE hook_id = $1", hook.Id);

    private Task<long> UnknownCount(string provider) => fx.World.CountAsync(
        "SELECT coalesce(sum(count), 0) FROM delivery_rejections WHERE provider = $1 AND hook_id = $2 AND reason = 'unknown_hook'", provider, Guid.Empty);

    private static string NewId() => Guid.NewGuid().ToString();
}
