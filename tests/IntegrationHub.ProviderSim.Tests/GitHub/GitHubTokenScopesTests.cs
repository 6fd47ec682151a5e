using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Tests.Infrastructure;

namespace IntegrationHub.ProviderSim.Tests.GitHub;

/// <summary>
/// How GitHub describes a personal access token on its answers: a classic token's scopes in <c>X-OAuth-Scopes</c>, a
/// fine-grained token's nothing (its repository permissions are enforced instead), an expiry date in
/// <c>GitHub-Authentication-Token-Expiration</c>, and 401 with GitHub's body for a token it does not know.
/// </summary>
public sealed class GitHubTokenScopesTests
{
    private const string Api = "/github/api/v3";

    [Fact]
    public async Task Classic_token_scopes_come_back_in_X_OAuth_Scopes_on_GET_user()
    {
        await using var sim = await SimHost.Start(o => o.PersonalAccessTokens.Add(new SimPersonalAccessToken
        {
            Provider = "github", Token = "ghp_seeded", Scopes = ["repo", "admin:repo_hook"],
        }));
        using var api = sim.Client("token", "ghp_seeded");

        using var user = await api.GetAsync(Api + "/user");

        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
        Assert.Equal("repo, admin:repo_hook", user.Headers.GetValues("X-OAuth-Scopes").Single());
        Assert.True(user.Headers.Contains("X-Accepted-OAuth-Scopes"));
        Assert.False(user.Headers.Contains("GitHub-Authentication-Token-Expiration"));
        Assert.Equal("octocat", (string)JsonNode.Parse(await user.Content.ReadAsStringAsync())!["login"]!);
    }

    [Fact]
    public async Task Classic_token_with_scopes_but_no_hook_scope_cannot_create_a_hook()
    {
        await using var sim = await SimHost.Start();
        await sim.Seed("github", 1, 1, ownerPrefix: "acme");
        using var api = sim.Client("token", await sim.Pat("github", null, "public_repo"));

        using var create = await api.PostAsJsonAsync(Api + "/repos/acme1/repo1/hooks", new { name = "web", config = new { url = "https://example.com/h" } });

        Assert.Equal(HttpStatusCode.NotFound, create.StatusCode);
    }

    [Fact]
    public async Task Fine_grained_token_sends_no_scope_headers_and_needs_the_Webhooks_permission()
    {
        await using var sim = await SimHost.Start();
        await sim.Seed("github", 1, 1, ownerPrefix: "acme");
        await sim.Control("tokens", new { provider = "github", token = "github_pat_contents", scopes = new[] { "contents:read", "metadata:read" }, expiresInSeconds = 86400 });
        await sim.Control("tokens", new { provider = "github", token = "github_pat_hooks", scopes = new[] { "webhooks:write", "metadata:read" } });
        using var contents = sim.Client("Bearer", "github_pat_contents");
        using var hooks = sim.Client("Bearer", "github_pat_hooks");

        using var user = await contents.GetAsync(Api + "/user");
        using var refused = await contents.GetAsync(Api + "/repos/acme1/repo1/hooks");
        using var allowed = await hooks.GetAsync(Api + "/repos/acme1/repo1/hooks");

        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
        Assert.False(user.Headers.Contains("X-OAuth-Scopes"));
        Assert.False(user.Headers.Contains("X-Accepted-OAuth-Scopes"));
        string expires = user.Headers.GetValues("GitHub-Authentication-Token-Expiration").Single();
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$", expires);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Resource not accessible by personal access token", (string)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["message"]!);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Unknown_token_gets_401_with_GitHubs_body()
    {
        await using var sim = await SimHost.Start();
        using var api = sim.Client("token", "ghp_nobody-made-this");

        using var user = await api.GetAsync(Api + "/user");

        Assert.Equal(HttpStatusCode.Unauthorized, user.StatusCode);
        var body = JsonNode.Parse(await user.Content.ReadAsStringAsync())!;
        Assert.Equal("Bad credentials", (string)body["message"]!);
        Assert.Equal("https://docs.github.com/rest", (string)body["documentation_url"]!);
        Assert.False(user.Headers.Contains("X-OAuth-Scopes"));
    }
}
