using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Tests.Infrastructure;

namespace IntegrationHub.ProviderSim.Tests.GitHubApps;

/// <summary>
/// The simulator on a manual clock with acme1/repo1..3 and acme2/repo1 (private), one registered app whose private
/// key the simulator generated, and that app installed on acme1 for repo1 and repo2 only.
/// </summary>
internal sealed class GitHubAppWorld(SimHost sim, ManualTime time, RSA key, long appId, string clientId, long installationId) : IAsyncDisposable
{
    public const string Api = "/github/api/v3";

    public SimHost Sim { get; } = sim;
    public ManualTime Time { get; } = time;
    public RSA Key { get; } = key;
    public long AppId { get; } = appId;
    public string ClientId { get; } = clientId;
    public long InstallationId { get; } = installationId;

    public static async Task<GitHubAppWorld> Start()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero));
        var sim = await SimHost.Start(o => o.TimeProvider = time);
        await sim.Seed("github", 1, 3, ownerPrefix: "acme");
        await sim.Control("seed", new { provider = "github", ownerNames = new[] { "acme2" }, reposPerOwner = 1 });
        var app = await sim.Control("github/apps", new
        {
            name = "Hub Sim", webhookUrl = "http://127.0.0.1:9/none", webhookSecret = "app-secret",
            permissions = new Dictionary<string, string> { ["contents"] = "read", ["metadata"] = "read", ["issues"] = "write", ["pull_requests"] = "write" },
            events = new[] { "push", "pull_request" },
        });
        var key = RSA.Create();
        key.ImportFromPem((string)app["privateKeyPem"]!);
        var installation = await sim.Control("github/installations", new { app = "hub-sim", account = "acme1", repositories = new[] { "acme1/repo1", "acme1/repo2" } });
        return new GitHubAppWorld(sim, time, key, (long)app["id"]!, (string)app["clientId"]!, (long)installation["id"]!);
    }

    /// <summary>A JWT as the hub makes one: iat 60 s in the past, exp 9 minutes ahead, iss the app id.</summary>
    public string Jwt() => Jwt(AppId, -60, 540);

    /// <summary>A JWT with the given issuer and times relative to the simulator's clock, signed with <paramref name="signer"/> (default: the app's key).</summary>
    public string Jwt(object? issuer, long iatOffset, long expOffset, RSA? signer = null)
    {
        var now = Time.GetUtcNow().ToUnixTimeSeconds();
        var claims = new JsonObject { ["iat"] = now + iatOffset, ["exp"] = now + expOffset };
        if (issuer is not null) claims["iss"] = JsonSerializer.SerializeToNode(issuer);
        var signing = B64(Encoding.UTF8.GetBytes("""{"alg":"RS256","typ":"JWT"}""")) + "." + B64(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = (signer ?? Key).SignData(Encoding.ASCII.GetBytes(signing), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signing + "." + B64(signature);
    }

    public HttpClient AsApp(string? jwt = null) => Sim.Client("Bearer", jwt ?? Jwt());

    /// <summary>An installation token from <c>POST /app/installations/{id}/access_tokens</c>, with the whole answer.</summary>
    public async Task<JsonObject> IssueToken(object? body = null, long? installation = null)
    {
        using var app = AsApp();
        using var response = await app.PostAsJsonAsync($"{Api}/app/installations/{installation ?? InstallationId}/access_tokens", body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 201, $"access_tokens: {(int)response.StatusCode} {text}");
        return (JsonObject)JsonNode.Parse(text)!;
    }

    public async Task<HttpClient> AsInstallation(object? body = null) =>
        Sim.Client("token", (string)(await IssueToken(body))["token"]!);

    public static async Task<(int Status, JsonNode? Body)> Send(HttpClient client, HttpMethod method, string path)
    {
        using var response = await client.SendAsync(new HttpRequestMessage(method, path));
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async ValueTask DisposeAsync()
    {
        Key.Dispose();
        await Sim.DisposeAsync();
    }
}
