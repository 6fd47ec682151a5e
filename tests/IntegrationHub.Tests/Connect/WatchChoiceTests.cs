using System.Net;
using IntegrationHub.Connect;
using IntegrationHub.Data;
using IntegrationHub.Local;
using IntegrationHub.Tests.World;
using Microsoft.AspNetCore.WebUtilities;

namespace IntegrationHub.Tests.Connect;

/// <summary>
/// "Let me choose which repositories to watch" at connect: the choice rides in the protected OAuth state (or the token
/// form), discovery lists every repository unwatched and no hook is made until the person watches some; a word that is
/// not a choice is refused with nothing stored; a tampered state is refused and the callback's query cannot change it.
/// </summary>
public sealed class WatchChoiceTests
{
    [Fact]
    public async Task Choosing_at_OAuth_connect_lists_every_repository_unwatched_with_no_hook_and_watching_two_makes_exactly_two()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        await world.ControlAsync("seed", new { provider = "github", owners = 1, reposPerOwner = 4 });
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");

        string next = await HubWorld.CallbackAsync(browser, await world.ApproveAsync(await StartAsync(world, browser, "github", WatchModes.Selected)));

        var c = await world.SingleConnectionAsync();
        Assert.Equal($"/integrations?connected={c.Id}", next);
        Assert.Equal(WatchModes.Selected, c.WatchMode);
        string landing = await browser.GetStringAsync(next);
        Assert.Contains($"href=\"/repositories?connection={c.Id}\" id=\"choose-repositories\"", landing);

        var worker = await CleanupWorkers.StartAsync(world, "watch-choice");
        Assert.True(await DiscoveredAsync(world, c.Id), "discovery did not finish");
        Assert.Equal(4L, await world.CountAsync("SELECT count(*) FROM repositories WHERE connection_id = $1", c.Id));
        Assert.Equal(0L, await world.CountAsync("SELECT count(*) FROM repositories WHERE connection_id = $1 AND watched", c.Id));
        Assert.Equal(0L, await world.CountAsync("SELECT count(*) FROM hooks WHERE connection_id = $1", c.Id));
        Assert.Equal(0L, await world.CountAsync("SELECT count(*) FROM " + JobRows.Table + " WHERE kind = 'register_hook'"));
        Assert.Empty(await world.SimHooksAsync("github"));

        var chosen = (await world.QueryAsync("SELECT id FROM repositories WHERE connection_id = $1 ORDER BY full_path LIMIT 2", c.Id)).Select(Guid.Parse).ToList();
        var watched = await Forms.SubmitPairsAsync(browser, $"/repositories?connection={c.Id}", [
            new("connectionId", c.Id.ToString()), new("watched", "true"),
            new("repositoryId", chosen[0].ToString()), new("repositoryId", chosen[1].ToString())], "/repositories/watch-bulk");

        Assert.Equal(HttpStatusCode.Redirect, watched.StatusCode);
        Assert.True(await world.HooksSettledAsync(c.Id, 2), "the two watched repositories did not get their hooks");
        await world.StopWorkerAsync(worker);
        Assert.Equal(chosen.Select(id => id.ToString()).Order(),
            (await world.QueryAsync("SELECT repository_id FROM hooks WHERE connection_id = $1 AND status = 'registered'", c.Id)).Order());
        var atSim = await world.SimHooksAsync("github");
        Assert.Equal(2, atSim.Count);
        Assert.Equal(await world.QueryAsync("SELECT full_path FROM repositories WHERE id = ANY($1) ORDER BY full_path", chosen.ToArray()),
            atSim.Select(h => (string)h!["repo"]!).Order(StringComparer.Ordinal));
        Assert.Equal(WatchModes.Selected, (await world.SingleConnectionAsync()).WatchMode); // new repositories stay unwatched
    }

    [Fact]
    public async Task Choosing_on_the_GitLab_token_form_stores_the_choice_and_discovery_hooks_nothing()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        await world.ControlAsync("seed", new { provider = "gitlab", owners = 1, reposPerOwner = 3 });
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");

        var posted = await TokenFormAsync(browser, world, DemoProviders.Pats["gitlab"], WatchModes.Selected);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var c = await world.SingleConnectionAsync();
        Assert.Equal((AuthKinds.Pat, WatchModes.Selected), (c.AuthKind, c.WatchMode));
        var worker = await CleanupWorkers.StartAsync(world, "watch-choice-pat");
        Assert.True(await DiscoveredAsync(world, c.Id), "discovery did not finish");
        await world.StopWorkerAsync(worker);
        Assert.Equal(3L, await world.CountAsync("SELECT count(*) FROM repositories WHERE connection_id = $1 AND NOT watched", c.Id));
        Assert.Equal(0L, await world.CountAsync("SELECT count(*) FROM hooks WHERE connection_id = $1", c.Id));
        Assert.Empty(await world.SimHooksAsync("gitlab"));
    }

    [Fact]
    public async Task A_connection_back_from_a_disconnect_takes_the_choice_made_now_and_an_active_one_keeps_its_own()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        Assert.Equal(HttpStatusCode.Redirect, (await TokenFormAsync(browser, world, DemoProviders.Pats["gitlab"], WatchModes.All)).StatusCode);
        var c = await world.SingleConnectionAsync();
        await world.ExecAsync("""
            INSERT INTO repositories (id, tenant_id, connection_id, external_id, full_path, watched, first_seen_at, last_seen_at)
            SELECT gen_random_uuid(), $1, $2, n::text, 'kept/repo-' || n, true, now(), now() FROM generate_series(1, 3) n
            """, c.TenantId, c.Id);
        await world.ExecAsync("UPDATE connections SET status = 'disconnected', access_token_protected = NULL WHERE id = $1", c.Id);

        var back = await TokenFormAsync(browser, world, DemoProviders.Pats["gitlab"], WatchModes.Selected);
        var again = await TokenFormAsync(browser, world, DemoProviders.Pats["gitlab"], WatchModes.All);

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (back.StatusCode, again.StatusCode));
        var after = await world.SingleConnectionAsync();
        Assert.Equal((c.Id, ConnectionStatus.Active, WatchModes.Selected), (after.Id, after.Status, after.WatchMode));
        // Back from the disconnect: its old repositories wait to be chosen like new ones. Then, active, a new token changes no setting.
        Assert.Equal(0L, await world.CountAsync("SELECT count(*) FROM repositories WHERE connection_id = $1 AND watched", c.Id));
    }

    [Fact]
    public async Task Without_a_choice_every_form_watches_all_as_before()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        await world.ControlAsync("seed", new { provider = "azure-devops", owners = 1, reposPerOwner = 1, organization = "demo-org" });
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");

        await world.ConnectPlatformAsync(browser, "gitlab");
        var ado = await Forms.SubmitAsync(browser, "/integrations/azure-devops", "azure-devops", new Dictionary<string, string>
        {
            ["Input.OrganizationUrl"] = $"{world.SimUrl}/azure-devops/demo-org", ["Input.Pat"] = DemoProviders.Pats["azure-devops"],
        });

        Assert.Equal(HttpStatusCode.Redirect, ado.StatusCode);
        Assert.Equal([WatchModes.All, WatchModes.All], (await world.ConnectionsAsync()).Select(c => c.WatchMode));
    }

    [Fact]
    public async Task A_word_that_is_not_a_choice_is_refused_in_words_and_nothing_is_stored()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        await world.ControlAsync("seed", new { provider = "azure-devops", owners = 1, reposPerOwner = 1, organization = "demo-org" });
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");

        var oauth = await Forms.SubmitAsync(browser, "/integrations", null, new Dictionary<string, string> { [WatchChoice.Field] = "everything" },
            action: "/integrations/connect/github");
        var token = await TokenFormAsync(browser, world, DemoProviders.Pats["gitlab"], "everything");
        var ado = await Forms.SubmitAsync(browser, "/integrations/azure-devops", "azure-devops", new Dictionary<string, string>
        {
            ["Input.OrganizationUrl"] = $"{world.SimUrl}/azure-devops/demo-org", ["Input.Pat"] = DemoProviders.Pats["azure-devops"], ["Input.Watch"] = "everything",
        });

        // The OAuth start sends the browser back with the error instead of to the provider, and keeps no pending flow.
        Assert.Equal($"/integrations?error={ConnectErrors.WatchModeUnknown}&provider=github", oauth.Headers.Location!.OriginalString);
        Assert.Contains(WatchChoice.Refusal, WebUtility.HtmlDecode(await browser.GetStringAsync(oauth.Headers.Location!.OriginalString)));
        Assert.Equal(0L, await world.CountAsync("SELECT count(*) FROM oauth_states"));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (token.StatusCode, ado.StatusCode));
        Assert.Contains(WatchChoice.Refusal + " Nothing was stored.", WebUtility.HtmlDecode(await token.Content.ReadAsStringAsync()));
        Assert.Contains(WatchChoice.Refusal + " Nothing was stored.", WebUtility.HtmlDecode(await ado.Content.ReadAsStringAsync()));
        Assert.Empty(await world.ConnectionsAsync());
    }

    [Fact]
    public async Task A_tampered_state_is_refused_and_the_callbacks_own_query_cannot_change_the_choice()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        string callback = await world.ApproveAsync(await StartAsync(world, browser, "gitlab", WatchModes.Selected));
        string state = QueryHelpers.ParseQuery(new Uri(callback).Query)["state"]!;
        int middle = state.Length / 2;
        string tampered = state[..middle] + (state[middle] == 'A' ? 'B' : 'A') + state[(middle + 1)..];

        string refused = await HubWorld.CallbackAsync(browser, WithQuery(callback, "state", tampered));

        Assert.Contains("error=" + ConnectErrors.StateInvalid, refused);
        Assert.Empty(await world.ConnectionsAsync());

        // The genuine state with a watch word of the provider's (or anyone's) added to the callback: the state decides.
        string connected = await HubWorld.CallbackAsync(browser, WithQuery(callback, WatchChoice.Field, WatchModes.All));

        Assert.StartsWith("/integrations?connected=", connected);
        Assert.Equal(WatchModes.Selected, (await world.SingleConnectionAsync()).WatchMode);
    }

    private static async Task<Uri> StartAsync(HubWorld world, HttpClient browser, string provider, string watch)
    {
        var response = await Forms.SubmitAsync(browser, "/integrations", null, new Dictionary<string, string> { [WatchChoice.Field] = watch },
            action: $"/integrations/connect/{provider}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(world.SimUrl, response.Headers.Location!.AbsoluteUri);
        Assert.DoesNotContain(watch, response.Headers.Location!.Query); // only inside the protected state
        return response.Headers.Location!;
    }

    private static Task<HttpResponseMessage> TokenFormAsync(HttpClient browser, HubWorld world, string token, string watch) =>
        Forms.SubmitAsync(browser, "/integrations/gitlab/token", "gitlab-token", new Dictionary<string, string>
        {
            ["Input.BaseUrl"] = $"{world.SimUrl}/gitlab", ["Input.Token"] = token, ["Input.Watch"] = watch,
        });

    // Discovery is over once it has planned: the audit line is written after the plan, so no hook job can follow it.
    private static Task<bool> DiscoveredAsync(HubWorld world, Guid connectionId) => HubWorld.EventuallyAsync(async () =>
        await world.TextAsync("SELECT discovery_status FROM connections WHERE id = $1", connectionId) == "done"
        && await world.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'discovery.completed'") == 1);

    private static string WithQuery(string url, string name, string value)
    {
        var uri = new Uri(url);
        var query = QueryHelpers.ParseQuery(uri.Query).ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString());
        query[name] = value;
        return QueryHelpers.AddQueryString(uri.GetLeftPart(UriPartial.Path), query);
    }
}
