using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static IntegrationHub.ProviderSim.Tests.GitHubApps.GitHubAppWorld;

namespace IntegrationHub.ProviderSim.Tests.GitHubApps;

/// <summary>
/// Installation access tokens: issued for an hour with the installation's permissions, good for the installation's
/// repositories only (REST and GraphQL), refused once expired, once revoked, for a suspended installation, and after uninstall.
/// </summary>
public sealed class GitHubAppTokenTests : IAsyncLifetime
{
    private GitHubAppWorld _w = null!;

    public async Task InitializeAsync() => _w = await Start();

    public async Task DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task Installation_token_is_ghs_for_one_hour_with_the_installations_permissions()
    {
        var answer = await _w.IssueToken();

        Assert.StartsWith("ghs_", (string)answer["token"]!, StringComparison.Ordinal);
        Assert.Equal(_w.Time.GetUtcNow().AddHours(1), DateTimeOffset.Parse((string)answer["expires_at"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("write", (string)answer["permissions"]!["issues"]!);
        Assert.Equal("read", (string)answer["permissions"]!["contents"]!);
        Assert.Equal("selected", (string)answer["repository_selection"]!);
        Assert.Null(answer["repositories"]);
    }

    [Fact]
    public async Task Installation_token_reads_the_installations_repositories_and_nothing_else()
    {
        using var api = await _w.AsInstallation();

        var (inside, repo) = await Send(api, HttpMethod.Get, Api + "/repos/acme1/repo1");
        var (notSelected, _) = await Send(api, HttpMethod.Get, Api + "/repos/acme1/repo3");
        var (otherOwner, _) = await Send(api, HttpMethod.Get, Api + "/repos/acme2/repo1");
        var (user, body) = await Send(api, HttpMethod.Get, Api + "/user/repos");

        Assert.Equal(200, inside);
        Assert.Equal("acme1/repo1", (string)repo!["full_name"]!);
        Assert.Equal(404, notSelected);
        Assert.Equal(404, otherOwner);
        Assert.Equal(403, user);
        Assert.Equal("Resource not accessible by integration", (string)body!["message"]!);
    }

    [Fact]
    public async Task Installation_token_sees_only_the_installations_repositories_in_GraphQL()
    {
        using var api = await _w.AsInstallation();

        async Task<JsonNode> Query(string name)
        {
            using var response = await api.PostAsJsonAsync("/github/api/graphql", new { query = $"{{ repository(owner: \"acme1\", name: \"{name}\") {{ nameWithOwner }} }}" });
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }

        var inside = await Query("repo2");
        var outside = await Query("repo3");

        Assert.Equal("acme1/repo2", (string)inside["data"]!["repository"]!["nameWithOwner"]!);
        Assert.Null(outside["data"]!["repository"]);
        Assert.Equal("NOT_FOUND", (string)outside["errors"]![0]!["type"]!);
    }

    [Fact]
    public async Task Installation_token_narrowed_to_one_repository_reaches_only_that_one()
    {
        var answer = await _w.IssueToken(new { repositories = new[] { "repo2" }, permissions = new { contents = "read" } });
        using var api = _w.Sim.Client("token", (string)answer["token"]!);

        var (narrowed, _) = await Send(api, HttpMethod.Get, Api + "/repos/acme1/repo2");
        var (dropped, _) = await Send(api, HttpMethod.Get, Api + "/repos/acme1/repo1");

        Assert.Equal("acme1/repo2", (string)answer["repositories"]![0]!["full_name"]!);
        Assert.Equal("read", (string)answer["permissions"]!["contents"]!);
        Assert.Null(answer["permissions"]!["issues"]);
        Assert.Equal(200, narrowed);
        Assert.Equal(404, dropped);
    }

    [Fact]
    public async Task Installation_token_needs_the_repository_hooks_permission_for_hooks()
    {
        using var without = await _w.AsInstallation();
        var hooks = await _w.Sim.Control("github/apps", new { name = "Hooks App", permissions = new Dictionary<string, string> { ["repository_hooks"] = "write", ["metadata"] = "read" } });
        var installation = await _w.Sim.Control("github/installations", new { app = "hooks-app", account = "acme1" });
        using var key = System.Security.Cryptography.RSA.Create();
        key.ImportFromPem((string)hooks["privateKeyPem"]!);
        using var app = _w.AsApp(_w.Jwt((long)hooks["id"]!, -60, 540, key));
        using var issued = await app.PostAsync($"{Api}/app/installations/{(long)installation["id"]!}/access_tokens", null);
        using var with = _w.Sim.Client("token", (string)JsonNode.Parse(await issued.Content.ReadAsStringAsync())!["token"]!);

        var (refused, body) = await Send(without, HttpMethod.Get, Api + "/repos/acme1/repo1/hooks");
        using var created = await with.PostAsJsonAsync(Api + "/repos/acme1/repo1/hooks", new { name = "web", config = new { url = "http://127.0.0.1:9/h" } });

        Assert.Equal(403, refused);
        Assert.Equal("Resource not accessible by integration", (string)body!["message"]!);
        Assert.Equal(201, (int)created.StatusCode);
    }

    [Fact]
    public async Task Installation_token_cannot_be_narrowed_beyond_the_installation()
    {
        using var app = _w.AsApp();
        var url = $"{Api}/app/installations/{_w.InstallationId}/access_tokens";

        using var repo = await app.PostAsJsonAsync(url, new { repositories = new[] { "repo3" } });
        using var permission = await app.PostAsJsonAsync(url, new { permissions = new { administration = "write" } });
        using var level = await app.PostAsJsonAsync(url, new { permissions = new { contents = "write" } });

        Assert.Equal(422, (int)repo.StatusCode);
        Assert.Equal(422, (int)permission.StatusCode);
        Assert.Equal(422, (int)level.StatusCode);
    }

    [Fact]
    public async Task Installation_token_stops_working_after_its_hour()
    {
        using var api = await _w.AsInstallation();
        var (before, _) = await Send(api, HttpMethod.Get, Api + "/repos/acme1/repo1");

        _w.Time.Advance(TimeSpan.FromMinutes(61));
        var (after, body) = await Send(api, HttpMethod.Get, Api + "/repos/acme1/repo1");

        Assert.Equal(200, before);
        Assert.Equal(401, after);
        Assert.Equal("Bad credentials", (string)body!["message"]!);
    }

    [Fact]
    public async Task Suspended_installation_gets_no_token_until_unsuspended()
    {
        using var minted = await _w.AsInstallation();
        await _w.Sim.Control($"github/installations/{_w.InstallationId}/suspend", new { });
        var (oldToken, oldBody) = await Send(minted, HttpMethod.Get, Api + "/repos/acme1/repo1");
        var (oldGraphQl, _) = await Send(minted, HttpMethod.Post, "/github/api/graphql");
        using var app = _w.AsApp();
        var (suspended, body) = await Send(app, HttpMethod.Post, $"{Api}/app/installations/{_w.InstallationId}/access_tokens");
        var (_, shown) = await Send(app, HttpMethod.Get, $"{Api}/app/installations/{_w.InstallationId}");

        await _w.Sim.Control($"github/installations/{_w.InstallationId}/unsuspend", new { });
        var (unsuspended, _) = await Send(app, HttpMethod.Post, $"{Api}/app/installations/{_w.InstallationId}/access_tokens");

        // A token minted before the suspension keeps its hour but stops working, on REST and GraphQL alike.
        Assert.Equal(403, oldToken);
        Assert.Equal("This installation has been suspended", (string)oldBody!["message"]!);
        Assert.Equal(403, oldGraphQl);
        Assert.Equal(200, (await Send(minted, HttpMethod.Get, Api + "/repos/acme1/repo1")).Item1);
        Assert.Equal(403, suspended);
        Assert.Equal("This installation has been suspended", (string)body!["message"]!);
        Assert.NotNull((string?)shown!["suspended_at"]);
        Assert.Equal("octocat", (string)shown["suspended_by"]!["login"]!);
        Assert.Equal(201, unsuspended);
    }

    [Fact]
    public async Task Deleting_the_installation_answers_204_and_revokes_its_tokens()
    {
        using var api = await _w.AsInstallation();
        using var app = _w.AsApp();

        var (deleted, _) = await Send(app, HttpMethod.Delete, $"{Api}/app/installations/{_w.InstallationId}");
        var (gone, _) = await Send(app, HttpMethod.Get, $"{Api}/app/installations/{_w.InstallationId}");
        var (revoked, _) = await Send(api, HttpMethod.Get, Api + "/repos/acme1/repo1");

        Assert.Equal(204, deleted);
        Assert.Equal(404, gone);
        Assert.Equal(401, revoked);
    }

    [Fact]
    public async Task Revoking_an_installation_token_answers_204_and_refuses_that_token_only()
    {
        using var revoked = await _w.AsInstallation();
        using var other = await _w.AsInstallation();
        using var user = _w.Sim.Client("token", await _w.Sim.Pat("github", null, "repo"));

        var (notInstallation, _) = await Send(user, HttpMethod.Delete, Api + "/installation/token");
        var (answer, _) = await Send(revoked, HttpMethod.Delete, Api + "/installation/token");
        var (rest, body) = await Send(revoked, HttpMethod.Get, Api + "/repos/acme1/repo1");
        var (graphQl, _) = await Send(revoked, HttpMethod.Post, "/github/api/graphql");

        Assert.Equal(403, notInstallation);
        Assert.Equal(204, answer);
        Assert.Equal(401, rest);
        Assert.Equal("Bad credentials", (string)body!["message"]!);
        Assert.Equal(401, graphQl);
        Assert.Equal(200, (await Send(other, HttpMethod.Get, Api + "/repos/acme1/repo1")).Item1);
    }

    [Fact]
    public async Task Installation_tokens_share_one_rate_limit_per_installation()
    {
        using var first = await _w.AsInstallation();
        using var second = await _w.AsInstallation();

        using var a = await first.GetAsync(Api + "/repos/acme1/repo1");
        using var b = await second.GetAsync(Api + "/repos/acme1/repo1");

        Assert.Equal("5000", a.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("1", a.Headers.GetValues("X-RateLimit-Used").Single());
        Assert.Equal("2", b.Headers.GetValues("X-RateLimit-Used").Single());
        Assert.False(a.Headers.Contains("X-OAuth-Scopes"));
    }

    [Fact]
    public async Task Installation_repositories_are_paged_with_total_count_and_match_the_fixture()
    {
        using var api = await _w.AsInstallation();

        using var first = await api.GetAsync(Api + "/installation/repositories?per_page=1");
        var page = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        var (_, all) = await Send(api, HttpMethod.Get, Api + "/installation/repositories");
        using var user = _w.Sim.Client("token", await _w.Sim.Pat("github", null, "repo"));
        var (asUser, _) = await Send(user, HttpMethod.Get, Api + "/installation/repositories");

        Assert.Equal(2, (int)page["total_count"]!);
        Assert.Equal("selected", (string)page["repository_selection"]!);
        Assert.Equal("acme1/repo1", (string)page["repositories"]![0]!["full_name"]!);
        Assert.Single(page["repositories"]!.AsArray());
        Assert.Contains("rel=\"next\"", first.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.Equal(403, asUser);
        // The 2019 list fixture predates node_id and a few flags; the items are checked against the newer repository
        // list fixtures as well, which hold them.
        Infrastructure.Shape.Matches(all, ["github/api/installation-repositories.list.response.drone-go-scm.json"],
            ["total_count", "repositories[].id", "repositories[].full_name", "repositories[].private", "repositories[].owner.login", "repositories[].clone_url", "repositories[].default_branch"],
            ["repository_selection", "repositories[].node_id", "repositories[].owner.node_id", "repositories[].has_projects", "repositories[].disabled", "repositories[].is_template"]);
        Infrastructure.Shape.Matches(all!["repositories"], ["github/api/orgs-repos.list.response.json", "github/api/user-repos.list.response.drone-go-scm.json"],
            ["[].id", "[].node_id", "[].full_name", "[].owner.login", "[].permissions.pull"]);
    }
}
