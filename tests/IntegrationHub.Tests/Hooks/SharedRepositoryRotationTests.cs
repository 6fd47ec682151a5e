using System.Net;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Hooks;

/// <summary>Two tenants watch one repository; tenant A rotates its hook's secret. Only A's hook at the provider changes.</summary>
public sealed class SharedRepositoryRotationTests(SharedRepositoryFixture shared) : IClassFixture<SharedRepositoryFixture>
{
    public static TheoryData<string> Providers => SharedRepositoryFixture.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Rotating_a_secret_on_a_shared_repository_changes_only_that_tenants_hook(string provider)
    {
        var r = await shared.OnOneRepositoryAsync(provider, signUpA: true);
        string before = await shared.AtProviderAsync(r, r.B.Url);
        string oldSecret = await SecretAsync(r.A.HookId);

        var posted = await Forms.SubmitAsync(r.Browser!, "/repositories", null,
            new Dictionary<string, string> { ["hookId"] = r.A.HookId.ToString() }, "/repositories/rotate");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await shared.World.ScalarAsync<string>("SELECT coalesce(string_agg(status, ','), '') FROM " + JobRows.Table + " WHERE kind = 'rotate_secret' AND args LIKE '%' || $1::text || '%'", r.A.HookId) == "done"),
            $"{provider}: the rotation did not finish");

        Assert.NotEqual(oldSecret, await SecretAsync(r.A.HookId));
        Assert.Equal(new[] { r.A.Url, r.B.Url }.Order(StringComparer.Ordinal), await shared.UrlsAtProviderAsync(r));
        var pushed = await shared.AssertBUntouchedAsync(r, before);
        // The provider signs A's deliveries with A's new secret alone now.
        Assert.True(await shared.VerifiesAsync(pushed, r.A, currentOnly: true), $"{provider}: A's delivery was not signed with A's new secret");
        Assert.Equal(r.A.ProviderHookId, await shared.World.ScalarAsync<string>("SELECT provider_hook_id FROM hooks WHERE id = $1", r.A.HookId));
    }

    private async Task<string> SecretAsync(Guid hookId) =>
        shared.Protector.Unprotect(await shared.World.ScalarAsync<string>("SELECT secret_protected FROM hooks WHERE id = $1", hookId));
}
