using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Tests.Infrastructure;

namespace IntegrationHub.ProviderSim.Tests.GitHub;

/// <summary>
/// GitHub accepts only the S256 PKCE method (https://github.blog/changelog/2025-07-14-pkce-support-for-oauth-and-github-app-authentication):
/// a code asked for with <c>plain</c>, or with no method (RFC 7636's default is plain), is not exchanged even with the
/// matching verifier.
/// </summary>
public sealed class GitHubPkceMethodTests
{
    private const string Callback = "http://127.0.0.1:5080/connect/github/callback";

    [Theory]
    [InlineData("&code_challenge_method=plain")]
    [InlineData("")]
    public async Task Plain_code_challenge_never_yields_a_token(string method)
    {
        await using var sim = await SimHost.Start(o =>
            o.OAuthApps.Add(new SimOAuthApp { Provider = "github", ClientId = "demo-github", ClientSecret = "demo-secret", RedirectUris = [Callback] }));
        const string verifier = "plain-verifier-plain-verifier-plain-verifier-0123456789";
        var redirect = await OAuthHelper.Authorize(sim.Http,
            $"/github/login/oauth/authorize?client_id=demo-github&redirect_uri={Uri.EscapeDataString(Callback)}&state=s&code_challenge={verifier}{method}");

        // Refused at authorize or at the exchange: either way no token.
        if (redirect.TryGetValue("error", out var error))
        {
            Assert.Equal("invalid_request", error);
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/github/login/oauth/access_token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = "demo-github", ["client_secret"] = "demo-secret", ["code"] = redirect["code"], ["redirect_uri"] = Callback, ["code_verifier"] = verifier,
            }),
        };
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await sim.Http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // GitHub answers token errors with 200 and an error body
        Assert.Null(body["access_token"]);
        Assert.Equal("invalid_grant", (string?)body["error"]);
    }
}
