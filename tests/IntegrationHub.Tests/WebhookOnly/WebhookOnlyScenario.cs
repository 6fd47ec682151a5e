using System.Globalization;
using IntegrationHub.Local;
using IntegrationHub.ProviderSim;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.WebhookOnly;

/// <summary>
/// The whole of webhook-only mode as a tenant goes through it: the connect form without a token, the webhook added at
/// Bitbucket with the URL and secret the page shows, a push, and the event on the Activity page. The world holds the
/// simulator (real HTTP) and the hub as a web node with its worker inside on a real port, so the simulator delivers to the
/// URL the connect page shows.
/// </summary>
internal static class WebhookOnlyScenario
{
    public const string Project = "DEMO-TEAM1";
    public const string Slug = "service1";
    public const string FullPath = $"{Project}/{Slug}";

    /// <summary>The personal access token the simulator accepts for the demo user, who administers every repository.</summary>
    public const string Pat = "bbdc-demo-personal-token";

    public sealed record Connected(HttpClient Browser, Guid ConnectionId, string HookUrl, string Secret, string WebhookIdAtBitbucket);

    /// <summary>The simulator knowing <see cref="Pat"/>; the hub is started by <see cref="StartHubAsync"/>.</summary>
    public static HubWorldOptions Options => new()
    {
        Simulator = true,
        SimulatorOptions = o => o.PersonalAccessTokens.Add(new SimPersonalAccessToken { Provider = "bitbucket-dc", Token = Pat }),
        WebHost = false,
    };

    /// <summary>
    /// The hub with its worker on a real port: ingest, discovery and the poll on short intervals; the 30-minute hook
    /// reconciliation is left to tests to call.
    /// </summary>
    public static Task<WebNode> StartHubAsync(HubWorld world)
    {
        var settings = DemoProviders.HubSettings(world.SimUrl);
        settings["Hub:Ingest:JobSeconds"] = "1";
        settings["Hub:Discover:JobSeconds"] = "1";
        settings["Hub:Poll:Enabled"] = "true";
        settings["Hub:Poll:JobSeconds"] = "1";
        settings["Hub:Poll:IntervalSeconds"] = "4";
        settings["Hub:Hooks:ReconcileMinutes"] = "0";
        return world.StartWebNodeAsync("webhook-only-" + Guid.NewGuid().ToString("n")[..6], settings);
    }

    /// <summary>A repository at the simulator the demo PAT's user administers; returns Bitbucket's id for it.</summary>
    public static async Task<string> RepositoryAsync(HubWorld world, string projectKey, string slug) =>
        ((long)(await world.ControlAsync("repos", new { provider = "bitbucket-dc", owner = projectKey, name = slug, user = "demo" }))["id"]!)
            .ToString(CultureInfo.InvariantCulture);

    /// <summary>Signs up, connects without a token and adds the webhook at Bitbucket as the page says.</summary>
    public static async Task<Connected> ConnectAsync(HubWorld world, WebNode hub, string email, string tenant)
    {
        var browser = await TenantSteps.SignUpAsync(hub, email, tenant);
        var (url, secret) = await TenantSteps.ConnectWebhookOnlyAsync(world, browser, Project, Slug);
        Guid connection = await TenantSteps.ConnectionIdAsync(world, tenant);
        string webhookId = await TenantSteps.AddWebhookAtBitbucketAsync(world, Project, Slug, url, secret);
        return new Connected(browser, connection, url, secret, webhookId);
    }

    /// <summary>Pushes at Bitbucket and waits until the worker has stored the push as an event; returns the pushed commit.</summary>
    public static async Task<string> PushAndWaitForEventAsync(HubWorld world, Connected c, string message)
    {
        long before = await EventsAsync(world, c.ConnectionId);
        string sha = await PushAsync(world, FullPath, message);
        await WaitUntilAsync(async () => await EventsAsync(world, c.ConnectionId) > before, $"a new event of {FullPath} stored by the worker");
        return sha;
    }

    /// <summary>Waits for a condition the worker brings about; fails the test naming <paramref name="what"/> if it never holds.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what) =>
        Assert.True(await HubWorld.EventuallyAsync(condition), $"Timed out waiting for: {what}");

    /// <summary>A push at Bitbucket, delivered to every webhook of the repository; returns the pushed commit.</summary>
    public static async Task<string> PushAsync(HubWorld world, string repo, string message)
    {
        var answer = await world.ControlAsync("events/push", new { provider = "bitbucket-dc", repo, branch = "main", message });
        await world.SimDeliveriesIdleAsync();
        return (string)answer["sha"]!;
    }

    /// <summary>True when the Activity page shows a webhook event of the repository for this commit.</summary>
    public static bool ShowsPush(string activityHtml, string sha) =>
        System.Text.RegularExpressions.Regex.IsMatch(activityHtml,
            $"<td[^>]*>{FullPath}</td>\\s*<td[^>]*>\\s*(?:<a [^>]*>)?Push(?:</a>)?\\s*</td>\\s*<td[^>]*>[^<]*{sha[..7]}[^<]*</td>(?:(?!</tr>).)*>\\s*webhook\\s*<",
            System.Text.RegularExpressions.RegexOptions.Singleline);

    /// <summary>The Activity page as the person sees it.</summary>
    public static async Task<string> ActivityAsync(Connected c) => await c.Browser.GetStringAsync("/activity");

    public static async Task<long> EventsAsync(HubWorld world, Guid connectionId) =>
        await world.ScalarAsync<long>("SELECT count(*) FROM events e JOIN repositories r ON r.id = e.repository_id WHERE r.connection_id = $1", connectionId);

    public static async Task<string?> ExternalIdAsync(HubWorld world, Guid connectionId) =>
        await world.TextAsync("SELECT external_id FROM repositories WHERE connection_id = $1", connectionId);
}
