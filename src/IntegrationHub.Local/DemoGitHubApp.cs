using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;

namespace IntegrationHub.Local;

/// <summary>
/// The demo's platform GitHub App, registered at the simulator at every start and configured in the hub (Hub:GitHubApp),
/// so "Install the GitHub App" is on the demo's Integrations page.
/// </summary>
/// <remarks>
/// The key pair is the simulator's, made at each registration (as GitHub's "Generate a private key"), and nothing of it
/// is written to the data folder: the simulator keeps apps and installations in memory only, so after a restart no
/// installation exists that an old key could still speak for, and a key file kept on disk would guard nothing.
/// </remarks>
/// <param name="HookId">The app webhook's id at the simulator (<c>X-GitHub-Hook-ID</c> of its deliveries).</param>
public sealed record DemoGitHubApp(long AppId, string Slug, string ClientId, string ClientSecret, string WebhookSecret, string PrivateKeyPem, long HookId)
{
    public const string DemoSlug = "integrationhub-demo";

    /// <summary>
    /// What issue 16 asks an app of the hub to be granted ("webhooks" is GitHub's repository_hooks), with commit statuses
    /// written (the status action) and organization members read (the install flow asks who owns the organization).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Permissions = new Dictionary<string, string>
    {
        ["contents"] = "read", ["metadata"] = "read", ["checks"] = "read", ["statuses"] = "write", ["repository_hooks"] = "read",
        ["issues"] = "write", ["pull_requests"] = "write", ["members"] = "read",
    };

    /// <summary>The events the app subscribes to (installation and installation_repositories always come).</summary>
    public static readonly IReadOnlyList<string> Events =
    [
        "push", "pull_request", "pull_request_review", "issues", "issue_comment", "check_run", "workflow_run", "create", "delete",
        "installation", "installation_repositories",
    ];

    /// <summary>
    /// Registers the app at the simulator: installing it returns to the hub's setup URL (also its callback URL, with the
    /// person's code, as the hub verifies who installed), and its one webhook goes to the hub's app webhook.
    /// </summary>
    public static async Task<DemoGitHubApp> RegisterAsync(string simulatorUrl, string dashboardUrl, CancellationToken ct)
    {
        string hub = dashboardUrl.TrimEnd('/');
        string webhookSecret = RandomNumberGenerator.GetHexString(40, lowercase: true);
        using var http = new HttpClient { BaseAddress = new Uri(simulatorUrl) };
        using var answer = await http.PostAsJsonAsync("/_sim/github/apps", new
        {
            name = "IntegrationHub Demo",
            slug = DemoSlug,
            webhookUrl = $"{hub}/webhooks/github-app",
            webhookSecret,
            setupUrl = $"{hub}/connect/github-app/setup",
            callbackUrl = $"{hub}/connect/github-app/setup",
            requestOAuthOnInstall = true,
            permissions = Permissions,
            events = Events,
        }, ct);
        answer.EnsureSuccessStatusCode();
        var app = await answer.Content.ReadFromJsonAsync<Registered>(ct) ?? throw new InvalidOperationException("The simulator answered no app.");
        return new DemoGitHubApp(app.Id, app.Slug, app.ClientId, app.ClientSecret, webhookSecret,
            app.PrivateKeyPem ?? throw new InvalidOperationException("The simulator made no private key."), app.HookId);
    }

    /// <summary>The hub's Hub:GitHubApp settings for this app at the simulator (http: the demo allows it, see HubSettings).</summary>
    public Dictionary<string, string?> HubSettings(string simulatorUrl) => new()
    {
        ["Hub:GitHubApp:AppId"] = AppId.ToString(CultureInfo.InvariantCulture),
        ["Hub:GitHubApp:Slug"] = Slug,
        ["Hub:GitHubApp:ClientId"] = ClientId,
        ["Hub:GitHubApp:ClientSecret"] = ClientSecret,
        ["Hub:GitHubApp:WebhookSecret"] = WebhookSecret,
        ["Hub:GitHubApp:PrivateKey"] = PrivateKeyPem,
        ["Hub:GitHubApp:BaseUrl"] = $"{simulatorUrl.TrimEnd('/')}/github",
    };

    /// <summary>The installation page a person reaches from "Install the GitHub App".</summary>
    public string InstallPage(string simulatorUrl) => $"{simulatorUrl.TrimEnd('/')}/github/apps/{Slug}/installations/new";

    /// <summary>Never the key or the secrets: a record's own ToString would print them all.</summary>
    public override string ToString() => $"GitHub App {Slug} ({AppId})";

    private sealed record Registered(long Id, string Slug, string ClientId, string ClientSecret, long HookId, string? PrivateKeyPem);
}
