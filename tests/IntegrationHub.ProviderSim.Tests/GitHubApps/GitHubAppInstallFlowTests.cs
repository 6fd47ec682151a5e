using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IntegrationHub.ProviderSim.Tests.Infrastructure;
using static IntegrationHub.ProviderSim.Tests.GitHubApps.GitHubAppWorld;

namespace IntegrationHub.ProviderSim.Tests.GitHubApps;

/// <summary>
/// The installation page: a labelled form choosing the account and repositories, then the setup URL with
/// installation_id, setup_action and state; with "request user authorization during installation" the callback URL
/// with an OAuth code that exchanges for an expiring ghu_ token whose <c>GET /user/installations</c> shows the
/// installations that person can reach (not only administer), and whose organization membership says which they own.
/// </summary>
public sealed partial class GitHubAppInstallFlowTests : IAsyncLifetime
{
    private GitHubAppWorld _w = null!;

    public async Task InitializeAsync() => _w = await Start();

    public async Task DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task Install_page_labels_every_input_and_sends_the_person_to_the_setup_URL()
    {
        await Register("setup-app", oauth: false);

        var page = await _w.Sim.Http.GetStringAsync("/github/apps/setup-app/installations/new?state=s1");
        using var post = await Install("setup-app", "octocat", "acme1", ["acme1/repo1", "acme1/repo3"], "s1");
        var back = OAuthHelper.RedirectParams(post);
        var installation = long.Parse(back["installation_id"], System.Globalization.CultureInfo.InvariantCulture);

        var ids = InputIds().Matches(page).Select(m => m.Groups[1].Value).ToArray();
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.Contains($"<label for=\"{id}\">", page, StringComparison.Ordinal));
        Assert.Contains(">acme1 (Organization)</label>", page, StringComparison.Ordinal);
        Assert.Contains(">acme2/repo1</label>", page, StringComparison.Ordinal);
        Assert.StartsWith("http://127.0.0.1:9/setup?", post.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("install", back["setup_action"]);
        Assert.Equal("s1", back["state"]);
        Assert.False(back.ContainsKey("code"));
        Assert.Equal(["acme1/repo1", "acme1/repo3"], await Repositories("setup-app", installation));
    }

    [Fact]
    public async Task Install_page_refuses_no_repository_and_an_account_the_person_does_not_administer()
    {
        await Register("setup-app", oauth: false);

        using var none = await Install("setup-app", "octocat", "acme1", [], null);
        using var foreign = await Install("setup-app", "mallory", "acme1", null, null);

        Assert.Equal(422, (int)none.StatusCode);
        Assert.Equal(422, (int)foreign.StatusCode);
        Assert.Contains("role=\"alert\"", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Installing_again_on_the_same_account_is_an_update_with_the_new_choice()
    {
        await Register("setup-app", oauth: false);
        using var first = await Install("setup-app", "octocat", "acme1", ["acme1/repo1"], null);
        using var second = await Install("setup-app", "octocat", "acme1", null, null);
        var back = OAuthHelper.RedirectParams(second);

        Assert.Equal(OAuthHelper.RedirectParams(first)["installation_id"], back["installation_id"]);
        Assert.Equal("update", back["setup_action"]);
        Assert.Equal(["acme1/repo1", "acme1/repo2", "acme1/repo3"], await Repositories("setup-app", long.Parse(back["installation_id"], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task OAuth_on_install_gives_a_code_for_an_8_hour_user_token_that_lists_only_the_persons_installations()
    {
        var app = await Register("oauth-app", oauth: true);
        using var octocat = await Install("oauth-app", "octocat", "acme1", null, "s2");
        using var mallory = await Install("oauth-app", "mallory", "mallory", null, null);
        var back = OAuthHelper.RedirectParams(octocat);

        var token = await Exchange(app, ("code", back["code"]));
        var theirs = await Exchange(app, ("code", OAuthHelper.RedirectParams(mallory)["code"]));
        using var user = _w.Sim.Client("token", (string)token["access_token"]!);
        using var other = _w.Sim.Client("token", (string)theirs["access_token"]!);
        var (_, listed) = await Send(user, HttpMethod.Get, Api + "/user/installations");
        var (_, otherListed) = await Send(other, HttpMethod.Get, Api + "/user/installations");
        using var pat = _w.Sim.Client("token", await _w.Sim.Pat("github", null, "repo"));
        var (patStatus, _) = await Send(pat, HttpMethod.Get, Api + "/user/installations");

        Assert.StartsWith("http://127.0.0.1:9/callback?code=", octocat.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("install", back["setup_action"]);
        Assert.Equal("s2", back["state"]);
        Assert.StartsWith("ghu_", (string)token["access_token"]!, StringComparison.Ordinal);
        Assert.StartsWith("ghr_", (string)token["refresh_token"]!, StringComparison.Ordinal);
        Assert.Equal(28800, (int)token["expires_in"]!);
        Assert.Equal(1, (int)listed!["total_count"]!);
        Assert.Equal(back["installation_id"], ((long)listed["installations"]![0]!["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("mallory", (string)otherListed!["installations"]![0]!["account"]!["login"]!);
        Assert.Equal(1, (int)otherListed["total_count"]!);
        Assert.Equal(403, patStatus);
    }

    [Fact]
    public async Task A_collaborator_reaches_an_organizations_installation_but_its_membership_says_member_not_admin()
    {
        var app = await Register("oauth-app", oauth: true);
        using var owner = await Install("oauth-app", "octocat", "acme1", ["acme1/repo1"], null);
        using var carol = await Install("oauth-app", "carol", "carol", null, null);
        await _w.Sim.Control("repos", new { provider = "github", owner = "acme1", name = "repo1", visibleTo = new[] { "carol" } });
        await Install("oauth-app", "mallory", "mallory", null, null);
        var ownerToken = await Exchange(app, ("code", OAuthHelper.RedirectParams(owner)["code"]));
        var carolToken = await Exchange(app, ("code", OAuthHelper.RedirectParams(carol)["code"]));
        using var asOwner = _w.Sim.Client("token", (string)ownerToken["access_token"]!);
        using var asCarol = _w.Sim.Client("token", (string)carolToken["access_token"]!);

        var (_, listed) = await Send(asCarol, HttpMethod.Get, Api + "/user/installations");
        var (ownerStatus, ownerMembership) = await Send(asOwner, HttpMethod.Get, Api + "/user/memberships/orgs/acme1");
        var (carolStatus, carolMembership) = await Send(asCarol, HttpMethod.Get, Api + "/user/memberships/orgs/acme1");
        var (strangerStatus, _) = await Send(asCarol, HttpMethod.Get, Api + "/user/memberships/orgs/acme2");

        Assert.Equal(["acme1", "carol"], listed!["installations"]!.AsArray().Select(i => (string)i!["account"]!["login"]!).Order(StringComparer.Ordinal));
        Assert.Equal((200, "admin", "active"), (ownerStatus, (string)ownerMembership!["role"]!, (string)ownerMembership["state"]!));
        Assert.Equal((200, "member", "carol"), (carolStatus, (string)carolMembership!["role"]!, (string)carolMembership["user"]!["login"]!));
        Assert.Equal(404, strangerStatus);
    }

    [Fact]
    public async Task App_user_refresh_token_works_once()
    {
        var app = await Register("oauth-app", oauth: true);
        using var install = await Install("oauth-app", "octocat", "acme1", null, null);
        var token = await Exchange(app, ("code", OAuthHelper.RedirectParams(install)["code"]));

        var refreshed = await Exchange(app, ("grant_type", "refresh_token"), ("refresh_token", (string)token["refresh_token"]!));
        var again = await Exchange(app, ("grant_type", "refresh_token"), ("refresh_token", (string)token["refresh_token"]!));

        Assert.StartsWith("ghu_", (string)refreshed["access_token"]!, StringComparison.Ordinal);
        Assert.NotEqual((string)token["refresh_token"]!, (string)refreshed["refresh_token"]!);
        Assert.Equal("bad_refresh_token", (string)again["error"]!);
    }

    private async Task<JsonNode> Register(string slug, bool oauth) => await _w.Sim.Control("github/apps", new
    {
        name = slug, slug, setupUrl = "http://127.0.0.1:9/setup", callbackUrl = "http://127.0.0.1:9/callback", requestOAuthOnInstall = oauth,
    });

    private async Task<HttpResponseMessage> Install(string slug, string login, string account, string[]? repositories, string? state)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("login", login), new("account", account), new("state", state ?? ""), new("repository_selection", repositories is null ? "all" : "selected"),
        };
        form.AddRange((repositories ?? []).Select(r => new KeyValuePair<string, string>("repositories", r)));
        await _w.Sim.Control("users", new { provider = "github", login });
        return await _w.Sim.Http.PostAsync($"/github/apps/{slug}/installations/new", new FormUrlEncodedContent(form));
    }

    private async Task<JsonObject> Exchange(JsonNode app, params (string Key, string Value)[] fields)
    {
        var form = new Dictionary<string, string> { ["client_id"] = (string)app["clientId"]!, ["client_secret"] = (string)app["clientSecret"]! };
        foreach (var (k, v) in fields) form[k] = v;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/github/login/oauth/access_token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await _w.Sim.Http.SendAsync(request);
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<string[]> Repositories(string slug, long installation)
    {
        var listed = await _w.Sim.Http.GetFromJsonAsync<JsonArray>("/_sim/github/installations");
        var mine = listed!.Single(i => (long)i!["id"]! == installation)!;
        Assert.Equal(slug, (string)mine["app_slug"]!);
        return mine["repositories"]!.AsArray().Select(r => (string)r!).ToArray();
    }

    [GeneratedRegex("<input type=\"(?:radio|checkbox)\" id=\"([^\"]+)\"")]
    private static partial Regex InputIds();
}
