using System.Globalization;
using System.Net;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using IntegrationHub.Providers.Tests.Api;

namespace IntegrationHub.Providers.Tests.Poll;

/// <summary>GitLab, Bitbucket and Azure DevOps lists longer than one page: followed to the end, or resumed, never taken as complete.</summary>
public sealed class PollPagingTests
{
    private static readonly DateTimeOffset Since = TestClock.Start.AddHours(-1);
    private static readonly string A = new('a', 40), A2 = new('b', 40), O = new('c', 40), O2 = new('d', 40);

    [Fact]
    public async Task GitLab_events_past_the_first_page_are_read_and_the_next_cycle_resumes_on_the_page_it_stopped()
    {
        const string Api = "https://gitlab.example.com/api/v4/projects/9";
        const string Events = Api + "/events?sort=asc&per_page=100&after=2025-05-31";
        var http = new CannedHttp();
        http.On(HttpMethod.Get, Api + "/merge_requests", HttpStatusCode.OK, "[]");
        http.On(HttpMethod.Get, Api + "/pipelines", HttpStatusCode.OK, "[]");
        http.On(HttpMethod.Get, Events, HttpStatusCode.OK, Issues(6, 100), ("Link", $"<{Events}&page=2>; rel=\"next\""));
        http.On(HttpMethod.Get, Events + "&page=2", HttpStatusCode.OK, Issues(106, 3));
        var cursors = new Dictionary<string, PollStreamCursor> { [PollStreams.Events] = new($"5|{Time(Since)}", null) };
        IPollReader reader = Reader(ProviderKind.GitLab, http, "https://gitlab.example.com");

        PollReadResult first = await reader.ReadAsync(new PollReadRequest(new RepositoryRef("9", "acme/svc"), cursors, Since.AddDays(-1)), CancellationToken.None);

        Assert.Null(first.Failure);
        Assert.Equal(103, first.Events.Count(e => e.Kind == EventKind.IssueOpened));
        string cursor = first.Cursors[PollStreams.Events].Cursor!;
        Assert.StartsWith("108|", cursor, StringComparison.Ordinal);
        Assert.EndsWith("|2025-05-31|2", cursor, StringComparison.Ordinal);

        http.Requests.Clear();
        cursors[PollStreams.Events] = new(cursor, null);
        PollReadResult second = await reader.ReadAsync(new PollReadRequest(new RepositoryRef("9", "acme/svc"), cursors, Since.AddDays(-1)), CancellationToken.None);
        Assert.Empty(second.Events);
        Assert.Equal(Events + "&page=2", Assert.Single(http.Requests, r => r.Url.AbsolutePath.EndsWith("/events", StringComparison.Ordinal)).Url.AbsoluteUri);
    }

    [Fact]
    public async Task Bitbucket_Cloud_branch_on_the_second_page_moving_is_a_push_not_a_new_branch()
    {
        const string Repo = "https://api.bitbucket.org/2.0/repositories/acme/svc";
        const string Refs = Repo + "/refs/branches?sort=-target.date&pagelen=100";
        var http = new CannedHttp();
        http.On(HttpMethod.Get, Repo + "/pullrequests", HttpStatusCode.OK, "{\"values\":[]}");
        http.On(HttpMethod.Get, Repo + "/pipelines", HttpStatusCode.OK, "{\"values\":[]}");
        http.On(HttpMethod.Get, Refs, HttpStatusCode.OK, $"{{\"values\":[{CloudBranch("main", A)}],\"next\":\"{Refs}&page=2\"}}");
        http.On(HttpMethod.Get, Refs + "&page=2", HttpStatusCode.OK, $"{{\"values\":[{CloudBranch("old", O2)}]}}");
        var heads = new Dictionary<string, PollStreamCursor>
        {
            [PollStreams.Branches] = new($"{{\"at\":\"{Time(Since)}\",\"heads\":{{\"main\":\"{A}\",\"old\":\"{O}\"}}}}", null),
        };

        PollReadResult result = await Reader(ProviderKind.BitbucketCloud, http, null)
            .ReadAsync(new PollReadRequest(new RepositoryRef("{u}", "acme/svc"), heads, Since.AddDays(-1)), CancellationToken.None);

        Assert.Null(result.Failure);
        NormalizedEvent push = Assert.Single(result.Events);
        Assert.Equal(EventKind.Push, push.Kind);
        Assert.Equal(O, push.Details.BeforeSha);
    }

    [Fact]
    public async Task Bitbucket_DC_sees_the_merge_of_an_old_pull_request_and_reads_every_page_of_open_ones()
    {
        const string Repo = "https://bitbucket.example.com/rest/api/1.0/projects/PRJ/repos/svc";
        var http = new CannedHttp();
        http.On(HttpMethod.Get, Repo + "/pull-requests?state=OPEN&order=NEWEST&limit=100&start=0", HttpStatusCode.OK,
            $"{{\"values\":[{DcPull(9, "OPEN", Since.AddMinutes(5), null)}],\"isLastPage\":false,\"nextPageStart\":1,\"start\":0}}");
        http.On(HttpMethod.Get, Repo + "/pull-requests?state=OPEN&order=NEWEST&limit=100&start=1", HttpStatusCode.OK,
            $"{{\"values\":[{DcPull(8, "OPEN", Since.AddMinutes(6), null)}],\"isLastPage\":true,\"start\":1}}");
        // Pull request 1 was created long ago and merged just now: newest-created lists would never reach it.
        http.On(HttpMethod.Get, Repo + "/pull-requests?state=MERGED&order=CLOSED_DATE&limit=100&start=0", HttpStatusCode.OK,
            $"{{\"values\":[{DcPull(1, "MERGED", Since.AddMinutes(7), Since.AddMinutes(7))},{DcPull(0, "MERGED", Since.AddDays(-3), Since.AddDays(-3))}],\"isLastPage\":false,\"nextPageStart\":2}}");
        http.On(HttpMethod.Get, Repo + "/pull-requests?state=DECLINED&order=CLOSED_DATE&limit=100&start=0", HttpStatusCode.OK, "{\"values\":[],\"isLastPage\":true}");
        foreach (int id in (int[])[9, 8, 1])
        {
            http.On(HttpMethod.Get, $"{Repo}/pull-requests/{id}/activities", HttpStatusCode.OK, "{\"values\":[],\"isLastPage\":true}");
        }

        http.On(HttpMethod.Get, Repo + "/branches", HttpStatusCode.OK, "{\"values\":[],\"isLastPage\":true}");
        var cursors = new Dictionary<string, PollStreamCursor> { [PollStreams.Pulls] = new(Time(Since), null) };

        PollReadResult result = await Reader(ProviderKind.BitbucketDataCenter, http, "https://bitbucket.example.com")
            .ReadAsync(new PollReadRequest(new RepositoryRef("3", "PRJ/svc"), cursors, Since.AddDays(-10)), CancellationToken.None);

        Assert.Null(result.Failure);
        Assert.Contains(result.Events, e => e.Kind == EventKind.PullRequestMerged && e.Details.Number == 1);
        Assert.DoesNotContain(result.Events, e => e.Details.Number == 0); // closed before the cursor: the walk stopped there
        Assert.Contains(http.Requests, r => r.Url.Query.Contains("start=1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Azure_pull_request_on_the_second_page_of_active_ones_is_seen_and_closed_ones_are_asked_by_closing_time()
    {
        const string Repo = "https://dev.azure.com/org/proj/_apis/git/repositories/r1";
        var http = new CannedHttp();
        string active = Repo + "/pullrequests?searchCriteria.status=active&$top=100&$skip=";
        http.On(HttpMethod.Get, new Uri(active + "0&api-version=7.1").AbsoluteUri, HttpStatusCode.OK,
            "{\"value\":[" + string.Join(',', Enumerable.Range(200, 100).Select(n => AzurePull(n, Since.AddDays(-2)))) + "]}");
        http.On(HttpMethod.Get, new Uri(active + "100&api-version=7.1").AbsoluteUri, HttpStatusCode.OK, "{\"value\":[" + AzurePull(7, Since.AddMinutes(3)) + "]}");
        http.On(HttpMethod.Get, Repo + "/pushes", HttpStatusCode.OK, "{\"value\":[]}");
        http.On(HttpMethod.Get, "https://dev.azure.com/org/proj/_apis/build/builds", HttpStatusCode.OK, "{\"value\":[]}");
        foreach (int n in Enumerable.Range(200, 100).Append(7))
        {
            http.On(HttpMethod.Get, $"{Repo}/pullrequests/{n}/threads", HttpStatusCode.OK, "{\"value\":[]}");
        }

        http.On(HttpMethod.Get, Repo + "/pullrequests", _ => CannedHttp.Json(HttpStatusCode.OK, "{\"value\":[]}")); // the closed-since list
        var cursors = new Dictionary<string, PollStreamCursor> { [PollStreams.Pulls] = new(Time(Since), null) };

        PollReadResult result = await Reader(ProviderKind.AzureDevOps, http, "https://dev.azure.com/org")
            .ReadAsync(new PollReadRequest(new RepositoryRef("r1", "proj/svc", "proj"), cursors, Since.AddDays(-10)), CancellationToken.None);

        Assert.Null(result.Failure);
        Assert.Contains(result.Events, e => e.Kind == EventKind.PullRequestOpened && e.Details.Number == 7);
        Assert.Contains(http.Requests, r => Uri.UnescapeDataString(r.Url.Query).Contains("searchCriteria.queryTimeRangeType=closed", StringComparison.Ordinal)
            && Uri.UnescapeDataString(r.Url.Query).Contains("searchCriteria.minTime=" + Time(Since), StringComparison.Ordinal));
    }

    private static IPollReader Reader(ProviderKind kind, CannedHttp http, string? baseUrl) =>
        ProviderCatalog.For(kind).CreatePollReader(http.Client(), new ProviderConnectionInfo(baseUrl is null ? null : new Uri(baseUrl), "t0ken"), new TestClock());

    private static string Issues(int firstId, int count) => "[" + string.Join(',', Enumerable.Range(firstId, count).Select(id =>
        $"{{\"id\":{id},\"action_name\":\"opened\",\"target_type\":\"Issue\",\"target_iid\":{id},\"target_title\":\"t\",\"created_at\":\"{Time(Since.AddMinutes(1))}\",\"author\":{{\"username\":\"u\",\"name\":\"U\"}}}}")) + "]";

    private static string CloudBranch(string name, string sha) =>
        $"{{\"name\":\"{name}\",\"target\":{{\"hash\":\"{sha}\",\"date\":\"{Time(Since.AddMinutes(2))}\"}}}}";

    private static string DcPull(int id, string state, DateTimeOffset updated, DateTimeOffset? closed)
    {
        string Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        string closedDate = closed is { } c ? $",\"closedDate\":{Ms(c)}" : "";
        return $"{{\"id\":{id},\"version\":1,\"title\":\"t{id}\",\"state\":\"{state}\",\"createdDate\":{Ms(Since.AddDays(-5))},\"updatedDate\":{Ms(updated)}{closedDate},"
            + $"\"author\":{{\"user\":{{\"name\":\"u\",\"slug\":\"u\"}}}},\"fromRef\":{{\"id\":\"refs/heads/f{id}\",\"displayId\":\"f{id}\",\"latestCommit\":\"{A}\"}},"
            + $"\"toRef\":{{\"id\":\"refs/heads/main\",\"displayId\":\"main\",\"latestCommit\":\"{A2}\",\"repository\":{{\"id\":3,\"slug\":\"svc\",\"project\":{{\"key\":\"PRJ\"}}}}}},\"links\":{{\"self\":[{{\"href\":\"https://bitbucket.example.com/projects/PRJ/repos/svc/pull-requests/{id}\"}}]}}}}";
    }

    private static string AzurePull(int id, DateTimeOffset created) =>
        $"{{\"pullRequestId\":{id},\"status\":\"active\",\"title\":\"t{id}\",\"creationDate\":\"{Time(created)}\",\"sourceRefName\":\"refs/heads/f{id}\",\"targetRefName\":\"refs/heads/main\","
        + $"\"createdBy\":{{\"uniqueName\":\"u\",\"displayName\":\"U\"}},\"lastMergeSourceCommit\":{{\"commitId\":\"{A}\"}},\"repository\":{{\"id\":\"r1\",\"name\":\"svc\",\"project\":{{\"id\":\"proj\",\"name\":\"proj\"}}}}}}";

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
