using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Tests.Infrastructure;

namespace IntegrationHub.ProviderSim.Tests.GitLab;

/// <summary><c>GET /personal_access_tokens/self</c> describes the token the request carries.</summary>
public sealed class GitLabTokenSelfTests
{
    private const string Api = "/gitlab/api/v4";

    [Fact]
    public async Task Self_answers_the_seeded_tokens_scopes_expiry_and_active()
    {
        var expires = new DateTimeOffset(2031, 3, 14, 0, 0, 0, TimeSpan.Zero);
        await using var sim = await SimHost.Start(o => o.PersonalAccessTokens.Add(new SimPersonalAccessToken
        {
            Provider = "gitlab", Token = "glpat-seeded", Scopes = ["api", "read_user"], ExpiresAt = expires,
        }));
        using var api = sim.Client("Bearer", "glpat-seeded");
        using var privateToken = new HttpClient { BaseAddress = new Uri(sim.BaseUrl) };
        privateToken.DefaultRequestHeaders.Add("PRIVATE-TOKEN", "glpat-seeded");

        var self = (await api.GetFromJsonAsync<JsonObject>(Api + "/personal_access_tokens/self"))!;
        var same = (await privateToken.GetFromJsonAsync<JsonObject>(Api + "/personal_access_tokens/self"))!;
        var user = (await api.GetFromJsonAsync<JsonObject>(Api + "/user"))!;

        Assert.Equal(["api", "read_user"], self["scopes"]!.AsArray().Select(s => (string)s!));
        Assert.Equal("2031-03-14", (string)self["expires_at"]!);
        Assert.True((bool)self["active"]!);
        Assert.False((bool)self["revoked"]!);
        Assert.Equal((long)user["id"]!, (long)self["user_id"]!);
        Assert.Equal((long)self["id"]!, (long)same["id"]!);
    }

    [Fact]
    public async Task Self_of_a_token_without_expiry_says_null_and_unknown_tokens_get_401()
    {
        await using var sim = await SimHost.Start();
        using var api = sim.Client("Bearer", await sim.Pat("gitlab", "project_7_bot", "read_api"));
        using var stranger = sim.Client("Bearer", "glpat-nobody-made-this");

        var self = (await api.GetFromJsonAsync<JsonObject>(Api + "/personal_access_tokens/self"))!;
        using var refused = await stranger.GetAsync(Api + "/personal_access_tokens/self");

        Assert.Null(self["expires_at"]);
        Assert.Equal(["read_api"], self["scopes"]!.AsArray().Select(s => (string)s!));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("401 Unauthorized", (string)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["message"]!);
    }
}
