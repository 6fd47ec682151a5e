namespace IntegrationHub.Tests.WebhookOnly;

/// <summary>
/// The whole of webhook-only mode as a tenant goes through it: the connect form without a token, the webhook added at
/// Bitbucket with the URL and secret the page shows, a push, and the event on the Activity page.
/// </summary>
internal static class WebhookOnlyScenario
{
    public const string Project = "DEMO-TEAM1";
    public const string Slug = "service1";
    public const string FullPath = $"{Project}/{Slug}";

    public sealed record Connected(HttpClient Browser, Guid ConnectionId, string HookUrl, string Secret, string WebhookIdAtBitbucket);

    /// <summary>Signs up, connects without a token and adds the webhook at Bitbucket as the page says.</summary>
    public static async Task<Connected> ConnectAsync(WebhookOnlyWorld world, string email, string tenant)
    {
        var browser = await world.SignUpAsync(email, tenant);
        var (url, secret) = await TenantSteps.ConnectWebhookOnlyAsync(world, browser, Project, Slug);
        Guid connection = await TenantSteps.ConnectionIdAsync(world, tenant);
        string webhookId = await TenantSteps.AddWebhookAtBitbucketAsync(world, Project, Slug, url, secret);
        return new Connected(browser, connection, url, secret, webhookId);
    }

    /// <summary>Pushes at Bitbucket and waits until the worker has stored the push as an event; returns the pushed commit.</summary>
    public static async Task<string> PushAndWaitForEventAsync(WebhookOnlyWorld world, Connected c, string message)
    {
        long before = await EventsAsync(world, c.ConnectionId);
        string sha = await PushAsync(world, FullPath, message);
        await WebhookOnlyWorld.EventuallyAsync(async () => await EventsAsync(world, c.ConnectionId) > before, $"a new event of {FullPath} stored by the worker");
        return sha;
    }

    /// <summary>A push at Bitbucket, delivered to every webhook of the repository; returns the pushed commit.</summary>
    public static async Task<string> PushAsync(WebhookOnlyWorld world, string repo, string message)
    {
        var answer = await world.ControlAsync("events/push", new { provider = "bitbucket-dc", repo, branch = "main", message });
        await world.WaitForDeliveriesAsync();
        return (string)answer["sha"]!;
    }

    /// <summary>True when the Activity page shows a webhook event of the repository for this commit.</summary>
    public static bool ShowsPush(string activityHtml, string sha) =>
        System.Text.RegularExpressions.Regex.IsMatch(activityHtml,
            $"<td>{FullPath}</td>\\s*<td>\\s*(?:<a [^>]*>)?Push(?:</a>)?\\s*</td>\\s*<td>[^<]*{sha[..7]}[^<]*</td>(?:(?!</tr>).)*>webhook</span>",
            System.Text.RegularExpressions.RegexOptions.Singleline);

    /// <summary>The Activity page as the person sees it.</summary>
    public static async Task<string> ActivityAsync(Connected c) => await c.Browser.GetStringAsync("/activity");

    public static async Task<long> EventsAsync(WebhookOnlyWorld world, Guid connectionId) =>
        await world.ScalarAsync<long>("SELECT count(*) FROM events e JOIN repositories r ON r.id = e.repository_id WHERE r.connection_id = $1", connectionId);

    public static async Task<string?> ExternalIdAsync(WebhookOnlyWorld world, Guid connectionId) =>
        await world.ScalarAsync<string>("SELECT external_id FROM repositories WHERE connection_id = $1", connectionId);
}
