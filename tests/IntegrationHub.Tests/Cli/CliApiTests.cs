using System.Text.Json;
using IntegrationHub.Api;
using IntegrationHub.Cli;
using IntegrationHub.Providers.Events;
using IntegrationHub.Tests.Feed;
using IntegrationHub.Tests.Ingest;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Cli;

/// <summary><c>ihub events</c> and <c>ihub reply</c> run in-process against the real hub (TestServer, real PostgreSQL).</summary>
public sealed class CliApiTests(HubWorldFixture fx) : IClassFixture<HubWorldFixture>
{
    private const string HubUrl = "http://localhost";

    [Fact]
    public async Task Events_prints_a_line_per_event_and_resumes_exactly_after_the_printed_cursor()
    {
        var (repo, key) = await TenantAsync(ApiScopes.EventsRead);
        long first = await FeedEvents.StoreAsync(fx.World.Db, repo, FeedEvents.New(EventKind.Push));
        long second = await FeedEvents.StoreAsync(fx.World.Db, repo, FeedEvents.New(EventKind.CommentCreatedOnPullRequest, "hub-bot"));

        var (lines, cursor) = await ReadUntilAsync(key, null, expected: 2);
        long third = await FeedEvents.StoreAsync(fx.World.Db, repo, FeedEvents.New(EventKind.IssueOpened));
        var (after, _) = await ReadUntilAsync(key, cursor, expected: 1);

        Assert.Equal([first, second], lines.Select(IdOf));
        Assert.Contains("GitHub  CommentCreatedOnPullRequest  acme/widgets", lines[1], StringComparison.Ordinal);
        Assert.Equal([third], after.Select(IdOf));
    }

    [Fact]
    public async Task Follow_prints_new_mentions_as_json_lines_until_stopped()
    {
        var (repo, key) = await TenantAsync(ApiScopes.EventsRead);
        var stdout = new LinesWriter();
        var stderr = new LinesWriter();
        using var stop = new CancellationTokenSource();
        var run = CliApp.RunAsync(["events", "--follow", "--json", "--mention", "@hub-bot", "--hub", HubUrl, "--key", key],
            null, stdout, stderr, TimeProvider.System, _ => null, fx.World.Hub.Server.CreateHandler(), stop.Token);

        _ = await FeedEvents.StoreAsync(fx.World.Db, repo, FeedEvents.New(EventKind.CommentCreatedOnPullRequest, "alice"));
        long mention = await FeedEvents.StoreAsync(fx.World.Db, repo, FeedEvents.New(EventKind.CommentCreatedOnPullRequest, "Hub-Bot"));
        Assert.True(await EventuallyAsync(() => stdout.Lines().Length >= 1), "follow printed nothing");
        await stop.CancelAsync();

        Assert.Equal(ExitCodes.Ok, await run);
        var printed = Assert.Single(stdout.Lines());
        using var json = JsonDocument.Parse(printed);
        Assert.Equal(mention, json.RootElement.GetProperty("id").GetInt64());
        Assert.Contains("resume with --after ", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_key_and_missing_scope_are_explained_with_the_hubs_detail()
    {
        var (_, actionsOnly) = await TenantAsync(ApiScopes.ActionsWrite);

        var (badExit, _, badErr) = await RunAsync(["events", "--hub", HubUrl, "--key", "ihub_not_a_real_key"]);
        var (scopeExit, _, scopeErr) = await RunAsync(["events", "--hub", HubUrl, "--key", actionsOnly]);

        Assert.Equal(ExitCodes.HubRefused, badExit);
        Assert.Contains("did not accept the API key (401)", badErr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.HubRefused, scopeExit);
        Assert.Contains("(403)", scopeErr, StringComparison.Ordinal);
        Assert.DoesNotContain(actionsOnly, scopeErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_to_another_tenants_event_is_not_found_and_posts_nothing()
    {
        var (repoA, _) = await TenantAsync(ApiScopes.EventsRead);
        long eventOfA = await FeedEvents.StoreAsync(fx.World.Db, repoA, FeedEvents.New(EventKind.CommentCreatedOnPullRequest, "hub-bot"));
        var (_, keyB) = await TenantAsync(ApiScopes.ActionsWrite);

        var (exit, stdout, stderr) = await RunAsync(["reply", eventOfA.ToString(System.Globalization.CultureInfo.InvariantCulture), "hello", "--hub", HubUrl, "--key", keyB]);

        Assert.Equal(ExitCodes.HubRefused, exit);
        Assert.Equal("", stdout);
        Assert.Contains("not found (404)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hub_and_key_come_from_the_environment_when_not_given()
    {
        var (_, key) = await TenantAsync(ApiScopes.EventsRead);
        var env = new Dictionary<string, string?> { ["IHUB_URL"] = HubUrl, ["IHUB_API_KEY"] = key };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int exit = await CliApp.RunAsync(["events"], null, stdout, stderr, TimeProvider.System, n => env.GetValueOrDefault(n), fx.World.Hub.Server.CreateHandler(), CancellationToken.None);
        int missing = await CliApp.RunAsync(["events"], null, stdout, stderr, TimeProvider.System, _ => null, fx.World.Hub.Server.CreateHandler(), CancellationToken.None);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal(ExitCodes.Usage, missing);
        Assert.Contains("IHUB_URL", stderr.ToString(), StringComparison.Ordinal);
    }

    private async Task<(TestHook Repo, string Key)> TenantAsync(params string[] scopes)
    {
        var tenant = await fx.World.TenantAsync("Cli " + Guid.NewGuid().ToString("n")[..6]);
        var repo = await fx.World.SignedHookAsync(tenant, "github", "secret");
        return (repo, await ApiKeys.CreateAsync(fx.World.Hub.Services, tenant, "cli", scopes));
    }

    /// <summary>Runs <c>ihub events</c> until it has printed the expected lines (other tests' open transactions may hold the feed back briefly).</summary>
    private async Task<(string[] Lines, string Cursor)> ReadUntilAsync(string key, string? after, int expected)
    {
        var lines = new List<string>();
        string? cursor = after;
        for (var until = DateTime.UtcNow.AddSeconds(60); lines.Count < expected && DateTime.UtcNow < until; await Task.Delay(100))
        {
            string[] args = cursor is null ? ["events", "--hub", HubUrl, "--key", key] : ["events", "--after", cursor, "--hub", HubUrl, "--key", key];
            var (exit, stdout, stderr) = await RunAsync(args);
            Assert.Equal(ExitCodes.Ok, exit);
            lines.AddRange(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            cursor = stderr.Split("--after ")[1].Trim();
        }

        return ([.. lines], cursor!);
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit = await CliApp.RunAsync(args, null, stdout, stderr, TimeProvider.System, _ => null, fx.World.Hub.Server.CreateHandler(), CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static long IdOf(string line) => long.Parse(line.Split("  ")[0], System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        for (var until = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < until; await Task.Delay(100))
        {
            if (condition())
            {
                return true;
            }
        }

        return condition();
    }
}
