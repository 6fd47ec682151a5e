using System.Net;
using System.Text.RegularExpressions;
using IntegrationHub.Api;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Api;

/// <summary>/settings/api-keys: owners create keys (shown once) and revoke them; members are told to ask an owner.</summary>
public sealed partial class ApiKeysPageTests
{
    [Fact]
    public async Task Owner_creates_a_key_that_is_shown_once_and_works_with_its_scopes_only()
    {
        await using var w = await HubWorld.StartAsync();
        var owner = w.Hub.Browser();
        await Forms.SignUpAsync(owner, "owner@a.test", "Tenant A");

        var posted = await CreateAsync(owner, "ci-bot", ApiScopes.ConnectionsRead);
        string html = await posted.Content.ReadAsStringAsync();
        string key = KeyPattern().Match(html).Groups[1].Value;
        string listed = await owner.GetStringAsync("/settings/api-keys");
        using var api = ApiKeys.Client(w.Hub, key);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("no-store", posted.Headers.CacheControl?.ToString());
        Assert.StartsWith("ihub_", key);
        Assert.DoesNotContain(key, listed);
        Assert.Contains(key[..11], listed);
        Assert.Contains("ci-bot", listed);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/connections")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/repositories")).StatusCode);
        Assert.Equal(1L, await w.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'api_key.created' AND actor = 'owner@a.test' AND target = 'ci-bot'"));
        Assert.Equal(0L, await w.ScalarAsync<long>("SELECT count(*) FROM api_keys WHERE encode(hash, 'escape') LIKE '%' || $1 || '%'", key[5..]));
    }

    [Fact]
    public async Task Member_sees_only_owners_manage_keys_and_cannot_create_one()
    {
        await using var w = await HubWorld.StartAsync();
        var member = w.Hub.Browser();
        await Forms.SignUpAsync(member, "member@a.test", "Tenant A");
        var tenant = await w.ScalarAsync<Guid>("SELECT tenant_id FROM memberships");
        await ApiKeys.CreateAsync(w.Hub.Services, tenant, "owners-key");
        await w.ExecAsync("UPDATE memberships SET role = 'member'");

        string page = await member.GetStringAsync("/settings/api-keys");
        var posted = await CreateAsync(member, "sneaky", ApiScopes.ConnectionsRead);

        Assert.Contains("Only owners manage API keys", page);
        Assert.DoesNotContain("owners-key", page);
        Assert.DoesNotContain("create-api-key", page);
        // The owner-only endpoint refuses it before the service's own check, with the reason.
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Contains("Only an owner of this tenant can do this", await posted.Content.ReadAsStringAsync());
        Assert.Equal(1L, await w.ScalarAsync<long>("SELECT count(*) FROM api_keys"));
    }

    [Fact]
    public async Task Owner_revokes_a_key_over_http_and_the_api_refuses_it()
    {
        await using var w = await HubWorld.StartAsync();
        var owner = w.Hub.Browser();
        await Forms.SignUpAsync(owner, "owner@a.test", "Tenant A");
        string key = KeyPattern().Match(await (await CreateAsync(owner, "ci-bot", ApiScopes.ConnectionsRead)).Content.ReadAsStringAsync()).Groups[1].Value;
        var keyId = await w.ScalarAsync<Guid>("SELECT id FROM api_keys");
        using var api = ApiKeys.Client(w.Hub, key);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/connections")).StatusCode);

        // The page confirms in a dialog (TeamBrowserTests); scripts post the same action.
        var revoked = await RevokeAsync(owner, keyId);
        var again = await RevokeAsync(owner, keyId);

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal("/settings/api-keys", revoked.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode); // no such live key any more
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/connections")).StatusCode);
        Assert.Contains("revoked", await owner.GetStringAsync("/settings/api-keys"));
        Assert.Equal(1L, await w.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'api_key.revoked' AND actor = 'owner@a.test'"));
    }

    [Fact]
    public async Task Owner_of_another_tenant_cannot_see_or_revoke_the_key()
    {
        await using var w = await HubWorld.StartAsync();
        var alice = w.Hub.Browser();
        await Forms.SignUpAsync(alice, "alice@a.test", "Tenant A");
        string key = KeyPattern().Match(await (await CreateAsync(alice, "a-key", ApiScopes.ConnectionsRead)).Content.ReadAsStringAsync()).Groups[1].Value;
        var keyId = await w.ScalarAsync<Guid>("SELECT id FROM api_keys");
        var mallory = w.Hub.Browser();
        await Forms.SignUpAsync(mallory, "mallory@b.test", "Tenant B");

        var posted = await RevokeAsync(mallory, keyId);
        string list = await mallory.GetStringAsync("/settings/api-keys");

        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.DoesNotContain("a-key", await posted.Content.ReadAsStringAsync());
        Assert.DoesNotContain("a-key", list);
        Assert.Null(await w.ScalarAsync<object>("SELECT revoked_at FROM api_keys") as DateTime?);
        Assert.Equal(0L, await w.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'api_key.revoked'"));
        using var api = ApiKeys.Client(w.Hub, key);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/connections")).StatusCode);
    }

    [Fact]
    public async Task Page_shows_last_use_and_todays_count()
    {
        await using var w = await HubWorld.StartAsync();
        var owner = w.Hub.Browser();
        await Forms.SignUpAsync(owner, "owner@a.test", "Tenant A");
        string key = KeyPattern().Match(await (await CreateAsync(owner, "ci-bot", ApiScopes.ConnectionsRead)).Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.Contains("never", await owner.GetStringAsync("/settings/api-keys"));

        using var api = ApiKeys.Client(w.Hub, key);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/connections")).StatusCode);
        string page = await owner.GetStringAsync("/settings/api-keys");

        Assert.DoesNotContain(">never<", page);
        Assert.Matches(@"<td[^>]*>\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC</td>\s*<td[^>]*>1</td>", page);
    }

    /// <summary>The page makes keys on its circuit; the same action over HTTP answers the key once, as JSON.</summary>
    private static Task<HttpResponseMessage> CreateAsync(HttpClient browser, string name, string scope) =>
        Forms.SubmitAsync(browser, "/settings/api-keys", null, new Dictionary<string, string>
        {
            ["name"] = name,
            ["scopes"] = scope,
        }, action: "/settings/api-keys/new");

    /// <summary>The page revokes on its circuit after a dialog; over HTTP it is a form post with the list page's token.</summary>
    private static Task<HttpResponseMessage> RevokeAsync(HttpClient browser, Guid keyId) =>
        Forms.SubmitAsync(browser, "/settings/api-keys", null, new Dictionary<string, string>(), action: $"/settings/api-keys/{keyId}/revoke");

    [GeneratedRegex("\"key\":\"(ihub_[A-Za-z0-9_-]+)\"")]
    private static partial Regex KeyPattern();
}
