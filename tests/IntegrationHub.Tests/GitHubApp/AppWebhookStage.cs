using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.GitHubApp;

/// <summary>
/// The platform GitHub App with its webhook pointed at a web node on a real port: the node starts first with the app's
/// settings (key pair and ids made here), then the app is registered at the simulator with the node's webhook URL, so
/// the simulator delivers every installation's events there.
/// </summary>
internal sealed class AppWebhookStage(HubWorld world, WebNode node, long appId, string slug)
{
    public const string Secret = KnownGitHubApp.WebhookSecret;

    public HubWorld World { get; } = world;
    public WebNode Node { get; } = node;
    public long AppId { get; } = appId;

    public static HubWorldOptions Options => new()
    {
        Simulator = true,
        WebHost = false,
        SimulatorOptions = o => o.DeliveryRetryDelay = TimeSpan.FromMilliseconds(20),
    };

    public static async Task<AppWebhookStage> StartAsync(HubWorld world, Dictionary<string, string?>? more = null)
    {
        var app = KnownGitHubApp.New();
        var settings = app.Settings(world.SimUrl);
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        var node = await world.StartWebNodeAsync("app-web", settings);
        await app.RegisterAsync(world, webhookUrl: node.Url + "/webhooks/github-app", events: ["push", "pull_request", "issues", "issue_comment"]);
        return new AppWebhookStage(world, node, app.AppId, app.Slug);
    }

    /// <summary>Makes the repositories at the simulator (owned by <paramref name="owner"/>); their GitHub ids by name.</summary>
    public async Task<Dictionary<string, string>> ReposAsync(string owner, params string[] names)
    {
        var ids = new Dictionary<string, string>();
        foreach (string name in names)
        {
            var repo = await World.ControlAsync("repos", new { provider = "github", owner, name });
            ids[name] = ((long)repo["id"]!).ToString(CultureInfo.InvariantCulture);
        }

        return ids;
    }

    /// <summary>Installs the app on <paramref name="account"/> for these repositories (full names); the installation id.</summary>
    public async Task<long> InstallAsync(string account, params string[] repositories) =>
        (long)(await World.ControlAsync("github/installations", new { app = slug, account, repositories }))["id"]!;

    /// <summary>
    /// Repositories <paramref name="names"/> made under <paramref name="owner"/>, the app installed on <paramref name="owner"/>
    /// for all of them, and a tenant attached to that installation with them.
    /// </summary>
    public async Task<(Guid Tenant, Guid Connection, long Installation, Dictionary<string, string> Repos)> AttachedAsync(string tenantName, string owner,
        params string[] names)
    {
        var repos = await ReposAsync(owner, names);
        long installation = await InstallAsync(owner, [.. names.Select(n => $"{owner}/{n}")]);
        var (tenant, connection) = await AttachAsync(tenantName, installation, owner, repos);
        return (tenant, connection, installation, repos);
    }

    /// <summary>A tenant with a connection through that installation and the given repositories (name to GitHub id) of <paramref name="owner"/>.</summary>
    public async Task<(Guid Tenant, Guid Connection)> AttachAsync(string tenantName, long installationId, string owner, Dictionary<string, string> repos)
    {
        var tenant = await World.TenantAsync(tenantName);
        var connection = await World.AppConnectionAsync(tenant, installationId, owner);
        foreach (var (name, id) in repos)
        {
            await World.RepositoryAsync(tenant, connection, $"{owner}/{name}", id);
        }

        return (tenant, connection);
    }

    /// <summary>
    /// A delivery posted to the app webhook as GitHub posts it, signed with <paramref name="secret"/> (null: unsigned): the
    /// platform app's, or the tenant app's whose hub id is <paramref name="ownApp"/>; through <paramref name="client"/> if given.
    /// </summary>
    public async Task<HttpResponseMessage> PostAsync(byte[] body, string eventName, string deliveryId, string? secret = Secret, Guid? ownApp = null,
        HttpClient? client = null)
    {
        using var own = client is null ? new HttpClient { BaseAddress = new Uri(Node.Url) } : null;
        string path = ownApp is { } id ? $"/webhooks/github-app/{id:D}" : "/webhooks/github-app";
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", deliveryId);
        request.Headers.Add("X-GitHub-Hook-Installation-Target-Type", "integration");
        request.Headers.Add("X-GitHub-Hook-Installation-Target-ID", AppId.ToString(CultureInfo.InvariantCulture));
        if (secret is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)));
        }

        return await (client ?? own!).SendAsync(request);
    }
}
