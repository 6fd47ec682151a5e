using System.Globalization;
using System.Net;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using IntegrationHub.Providers.Tests.Api;

namespace IntegrationHub.Providers.Tests.Poll;

/// <summary>
/// Bitbucket Cloud pipelines, Azure DevOps pushes and Azure DevOps comment threads longer than one page or one look:
/// followed to the end, or cut at the cap with the cursor kept where the read stopped and resumed the next cycle.
/// </summary>
public sealed class PollCapResumeTests
{
    private static readonly DateTimeOffset Since = TestClock.Start.AddHours(-1);
    private static readonly string A = new('a', 40), B = new('b', 40);
    private const string Cloud = "https://api.bitbucket.org/2.0/repositories/acme/svc";
    private const string Azure = "https://dev.azure.com/org/proj/_apis/git/repositories/r1";

    [Fact]
    public async Task Bitbucket_Cloud_pipelines_past_the_page_cap_are_read_the_next_cycle_from_where_the_walk_stopped()
    {
        const string Pipelines = Cloud + "/pipelines?sort=-created_on&pagelen=50";
        var http = new CannedHttp();
        http.On(HttpMethod.Get, Cloud + "/pullrequests", HttpStatusCode.OK, "{\"values\":[]}");
        http.On(HttpMethod.Get, Cloud + "/refs/branches", HttpStatusCode.OK, "{\"values\":[]}");
        // 253 pipelines, newest first: five full pages of 50, then 3 on page six.
        for (int page = 1; page <= 6; page++)
        {
            int top = 300 - (page - 1) * 50;
            int count = page == 6 ? 3 : 50;
            string next = page < 6 ? $",\"next\":\"{Pipelines}&page={page + 1}\"" : "";
            http.On(HttpMethod.Get, page == 1 ? Pipelines : $"{Pipelines}&page={page}", HttpStatusCode.OK,
                "{\"values\":[" + string.Join(',', Enumerable.Range(0, count).Select(i => Pipeline(top - i))) + "]" + next + "}");
        }

        var cursors = new Dictionary<string, PollStreamCursor> { [PollStreams.Runs] = new(Time(Since), null) };
        IPollReader reader = Reader(ProviderKind.BitbucketCloud, http, null);
        var repo = new RepositoryRef("{u}", "acme/svc");

        PollReadResult first = await reader.ReadAsync(new PollReadRequest(repo, cursors, Since.AddDays(-1)), CancellationToken.None);

        Assert.Null(first.Failure);
        Assert.Equal(250, first.Events.Count(e => e.Kind == EventKind.CommitStatusChanged));
        string cut = first.Cursors[PollStreams.Runs].Cursor!;
        Assert.Equal($"{Time(Since)}|6|{Time(At(300))}", cut);

        http.Requests.Clear();
        cursors[PollStreams.Runs] = new(cut, null);
        PollReadResult second = await reader.ReadAsync(new PollReadRequest(repo, cursors, Since.AddDays(-1)), CancellationToken.None);

        Assert.Null(second.Failure);
        Assert.Equal(3, second.Events.Count(e => e.Kind == EventKind.CommitStatusChanged));
        Assert.Equal($"{Pipelines}&page=6", Assert.Single(http.Requests, r => r.Url.AbsolutePath.EndsWith("/pipelines", StringComparison.Ordinal)).Url.AbsoluteUri);
        Assert.Equal(Time(At(300)), second.Cursors[PollStreams.Runs].Cursor);
    }

    [Fact]
    public async Task Azure_pushes_past_the_first_hundred_are_read_down_to_the_last_push_seen()
    {
        var http = Azure_world(pushIds: Enumerable.Range(6, 300).Reverse().ToArray(), pulls: 0);
        var cursors = new Dictionary<string, PollStreamCursor> { [PollStreams.Pushes] = new($"5|{Time(Since)}", null) };

        PollReadResult result = await Reader(ProviderKind.AzureDevOps, http, "https://dev.azure.com/org")
            .ReadAsync(new PollReadRequest(new RepositoryRef("r1", "proj/svc", "proj"), cursors, Since.AddDays(-1)), CancellationToken.None);

        Assert.Null(result.Failure);
        Assert.Equal(300, result.Events.Count(e => e.Kind == EventKind.Push));
        Assert.StartsWith("305|", result.Cursors[PollStreams.Pushes].Cursor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Azure_pushes_past_the_page_cap_keep_the_cursor_and_are_read_the_next_cycle()
    {
        int[] ids = Enumerable.Range(6, 1050).Reverse().ToArray();
        var http = Azure_world(ids, pulls: 0);
        var cursors = new Dictionary<string, PollStreamCursor> { [PollStreams.Pushes] = new($"5|{Time(Since)}", null) };
        IPollReader reader = Reader(ProviderKind.AzureDevOps, http, "https://dev.azure.com/org");
        var repo = new RepositoryRef("r1", "proj/svc", "proj");

        PollReadResult first = await reader.ReadAsync(new PollReadRequest(repo, cursors, Since.AddDays(-1)), CancellationToken.None);

        Assert.Null(first.Failure);
        Assert.Equal(1000, first.Events.Count(e => e.Kind == EventKind.Push));
        string cut = first.Cursors[PollStreams.Pushes].Cursor!;
        Assert.StartsWith($"5|{Time(Since)}|1000|1055|", cut, StringComparison.Ordinal);

        cursors[PollStreams.Pushes] = new(cut, null);
        PollReadResult second = await reader.ReadAsync(new PollReadRequest(repo, cursors, Since.AddDays(-1)), CancellationToken.None);

        Assert.Null(second.Failure);
        Assert.Equal(Enumerable.Range(6, 50).Select(n => n.ToString(CultureInfo.InvariantCulture)).Order(),
            second.Events.Where(e => e.Kind == EventKind.Push).Select(e => e.Details.AfterSha![..4].TrimStart('0')).Order());
        Assert.StartsWith("1055|", second.Cursors[PollStreams.Pushes].Cursor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Azure_comment_threads_of_pull_requests_past_twenty_are_read_the_next_cycle()
    {
        var http = Azure_world([], pulls: 25);
        var cursors = new Dictionary<string, PollStreamCursor> { [PollStreams.Comments] = new(Time(Since), null) };
        IPollReader reader = Reader(ProviderKind.AzureDevOps, http, "https://dev.azure.com/org");
        var repo = new RepositoryRef("r1", "proj/svc", "proj");

        PollReadResult first = await reader.ReadAsync(new PollReadRequest(repo, cursors, Since.AddDays(-1)), CancellationToken.None);
        cursors[PollStreams.Comments] = first.Cursors[PollStreams.Comments];
        PollReadResult second = await reader.ReadAsync(new PollReadRequest(repo, cursors, Since.AddDays(-1)), CancellationToken.None);

        Assert.Null(first.Failure);
        Assert.Null(second.Failure);
        Assert.Equal(Enumerable.Range(1, 20), first.Events.Where(e => e.Kind == EventKind.CommentCreatedOnPullRequest).Select(e => (int)e.Details.Number!.Value).Order());
        Assert.Equal(Enumerable.Range(21, 5), second.Events.Where(e => e.Kind == EventKind.CommentCreatedOnPullRequest).Select(e => (int)e.Details.Number!.Value).Order());
        // The round is over: a plain time, no later than the provider's clock when the round began.
        Assert.Equal(Time(Since.AddMinutes(30)), second.Cursors[PollStreams.Comments].Cursor);
    }

    /// <summary>Pushes answered newest first by <c>$skip</c>; <paramref name="pulls"/> active pull requests with one comment each.</summary>
    private static CannedHttp Azure_world(int[] pushIds, int pulls)
    {
        var http = new CannedHttp();
        http.On(HttpMethod.Get, Azure + "/pushes", r =>
        {
            int skip = int.Parse(Query(r.Url, "$skip") ?? "0", CultureInfo.InvariantCulture);
            int top = int.Parse(Query(r.Url, "$top") ?? "100", CultureInfo.InvariantCulture);
            return CannedHttp.Json(HttpStatusCode.OK, "{\"value\":[" + string.Join(',', pushIds.Skip(skip).Take(top).Select(Push)) + "]}");
        });
        http.On(HttpMethod.Get, Azure + "/pullrequests", r => CannedHttp.Json(HttpStatusCode.OK, Query(r.Url, "searchCriteria.status") == "active"
            ? "{\"value\":[" + string.Join(',', Enumerable.Range(1, pulls).Reverse().Select(AzurePull)) + "]}"
            : "{\"value\":[]}"));
        for (int n = 1; n <= pulls; n++)
        {
            // The provider's clock at the look, in the Date header: half an hour after the cursor.
            http.On(HttpMethod.Get, $"{Azure}/pullrequests/{n}/threads", HttpStatusCode.OK,
                $"{{\"value\":[{{\"id\":{n},\"comments\":[{{\"id\":1,\"content\":\"c\",\"commentType\":\"text\",\"publishedDate\":\"{Time(Since.AddMinutes(40 + n))}\",\"author\":{{\"uniqueName\":\"u\"}}}}]}}]}}",
                ("Date", Since.AddMinutes(30).ToString("R", CultureInfo.InvariantCulture)));
        }

        http.On(HttpMethod.Get, "https://dev.azure.com/org/proj/_apis/build/builds", HttpStatusCode.OK, "{\"value\":[]}");
        return http;
    }

    private static string? Query(Uri url, string name) => url.Query.TrimStart('?').Split('&').Select(Uri.UnescapeDataString)
        .FirstOrDefault(p => p.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];

    private static string Push(int id) =>
        $"{{\"pushId\":{id},\"date\":\"{Time(Since.AddSeconds(id))}\",\"pushedBy\":{{\"uniqueName\":\"u\"}},"
        + $"\"repository\":{{\"id\":\"r1\",\"name\":\"svc\",\"project\":{{\"name\":\"proj\"}}}},"
        + $"\"refUpdates\":[{{\"name\":\"refs/heads/main\",\"oldObjectId\":\"{A}\",\"newObjectId\":\"{id.ToString("D4", CultureInfo.InvariantCulture)}{B[4..]}\"}}]}}";

    private static string AzurePull(int id) =>
        $"{{\"pullRequestId\":{id},\"status\":\"active\",\"title\":\"t{id}\",\"creationDate\":\"{Time(Since.AddDays(-2))}\",\"sourceRefName\":\"refs/heads/f{id}\",\"targetRefName\":\"refs/heads/main\","
        + $"\"createdBy\":{{\"uniqueName\":\"u\"}},\"lastMergeSourceCommit\":{{\"commitId\":\"{A}\"}},\"repository\":{{\"id\":\"r1\",\"name\":\"svc\",\"project\":{{\"id\":\"proj\",\"name\":\"proj\"}}}}}}";

    private static string Pipeline(int number) =>
        $"{{\"build_number\":{number},\"state\":{{\"name\":\"COMPLETED\",\"result\":{{\"name\":\"SUCCESSFUL\"}}}},"
        + $"\"target\":{{\"ref_name\":\"main\",\"commit\":{{\"hash\":\"{A}\"}}}},\"created_on\":\"{Time(At(number).AddMinutes(-1))}\",\"completed_on\":\"{Time(At(number))}\"}}";

    private static DateTimeOffset At(int number) => Since.AddSeconds(number);

    private static IPollReader Reader(ProviderKind kind, CannedHttp http, string? baseUrl) =>
        ProviderCatalog.For(kind).CreatePollReader(http.Client(), new ProviderConnectionInfo(baseUrl is null ? null : new Uri(baseUrl), "t0ken"), new TestClock());

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
