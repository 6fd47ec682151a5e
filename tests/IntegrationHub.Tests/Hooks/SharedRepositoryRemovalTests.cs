using System.Net;
using IntegrationHub.Tests.Admin;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Hooks;

/// <summary>
/// Two tenants watch one repository; tenant A unwatches it, disconnects, or is revoked by an administrator. A's hook goes,
/// and tenant B's hooks at the provider stay exactly as they were, still delivering with B's secret.
/// </summary>
public sealed class SharedRepositoryRemovalTests(SharedRepositoryFixture shared) : IClassFixture<SharedRepositoryFixture>
{
    public static TheoryData<string> Providers => SharedRepositoryFixture.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Unwatching_a_shared_repository_removes_only_that_tenants_hook(string provider)
    {
        var r = await shared.OnOneRepositoryAsync(provider, signUpA: true);
        string before = await shared.AtProviderAsync(r, r.B.Url);

        var posted = await Forms.SubmitAsync(r.Browser!, "/repositories", null,
            new Dictionary<string, string> { ["repositoryId"] = r.A.RepositoryId.ToString(), ["watched"] = "false" }, "/repositories/watch");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await shared.World.ScalarAsync<string>("SELECT status FROM hooks WHERE id = $1", r.A.HookId) == "removed"), $"{provider}: A's hook was not removed");

        await AssertOnlyBRemainsAsync(r, before);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Disconnecting_removes_only_that_tenants_hooks_from_a_shared_repository(string provider)
    {
        var r = await shared.OnOneRepositoryAsync(provider, signUpA: true);
        string before = await shared.AtProviderAsync(r, r.B.Url);

        var posted = await CleanupPosts.DisconnectAsync(r.Browser!, r.A.ConnectionId);
        Assert.True(posted.IsSuccessStatusCode, $"{(int)posted.StatusCode}");
        await CleanedUpAsync(r);

        await AssertOnlyBRemainsAsync(r, before);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_administrators_revoke_removes_only_that_tenants_hooks_from_a_shared_repository(string provider)
    {
        var r = await shared.OnOneRepositoryAsync(provider);
        string before = await shared.AtProviderAsync(r, r.B.Url);

        await AdminSetup.RevokeAsync(await shared.AdminAsync(), r.A.ConnectionId, "Shared repository test");
        await CleanedUpAsync(r);

        await AssertOnlyBRemainsAsync(r, before);
    }

    private async Task CleanedUpAsync(SharedRepository r) =>
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await shared.World.ScalarAsync<string>("SELECT coalesce(cleanup_status, '') FROM connections WHERE id = $1", r.A.ConnectionId) == "done"),
            $"{r.Provider}: the clean-up did not finish: " + await shared.World.ScalarAsync<string>(
                "SELECT coalesce(cleanup_status, '') || ' ' || coalesce(cleanup_error, '') FROM connections WHERE id = $1", r.A.ConnectionId));

    /// <summary>Only B's hook is left on the repository, untouched; nothing at the provider delivers to A any more.</summary>
    private async Task AssertOnlyBRemainsAsync(SharedRepository r, string before)
    {
        Assert.Equal([r.B.Url], await shared.UrlsAtProviderAsync(r));
        var pushed = await shared.AssertBUntouchedAsync(r, before);
        Assert.False(pushed.ContainsKey(r.A.Url));
        Assert.Equal("removed", await shared.World.ScalarAsync<string>("SELECT status FROM hooks WHERE id = $1", r.A.HookId));
    }
}
