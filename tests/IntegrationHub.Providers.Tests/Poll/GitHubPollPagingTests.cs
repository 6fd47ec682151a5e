using System.Net;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using IntegrationHub.Providers.Tests.Api;

namespace IntegrationHub.Providers.Tests.Poll;

/// <summary>GitHub lists longer than one page: read to the end, or resumed where the cap stopped, never taken as complete.</summary>
public sealed class GitHubPollPagingTests
{
    private const string Root = "https://ghe.example.com/api/v3/repos/acme/svc";
    private static readonly string A = new('a', 40), A2 = new('b', 40), Z = new('c', 40);

    [Fact]
    public async Task Branch_on_the_second_page_is_neither_deleted_nor_created_again()
    {
        CannedHttp http = Quiet(except: "/branches");
        http.On(HttpMethod.Get, Root + "/branches?per_page=100", HttpStatusCode.OK, Branches(("main", A2)), ("Link", $"<{Root}/branches?per_page=100&page=2>; rel=\"next\""));
        http.On(HttpMethod.Get, Root + "/branches?per_page=100&page=2", HttpStatusCode.OK, Branches(("zed", Z)));
        http.On(HttpMethod.Get, $"{Root}/commits/{A2}/statuses", HttpStatusCode.OK, "[]");
        var cursors = QuietCursors();
        cursors[PollStreams.Branches] = new($"{{\"main\":\"{A}\",\"zed\":\"{Z}\"}}", null);

        PollReadResult result = await Reader(http).ReadAsync(new PollReadRequest(new RepositoryRef("7", "acme/svc"), cursors, TestClock.Start.AddDays(-1)), CancellationToken.None);

        Assert.Null(result.Failure);
        NormalizedEvent push = Assert.Single(result.Events);
        Assert.Equal(EventKind.Push, push.Kind);
        Assert.Contains(A2, push.NaturalKey, StringComparison.Ordinal);
        Assert.Contains("\"zed\"", result.Cursors[PollStreams.Branches].Cursor, StringComparison.Ordinal);
        Assert.Null(result.Cursors[PollStreams.Branches].ETag); // a two-page list cannot be answered 304 as a whole
    }

    [Fact]
    public async Task Pulls_walk_cut_at_the_page_cap_keeps_its_cursor_and_resumes_on_the_next_page()
    {
        DateTimeOffset since = TestClock.Start.AddHours(-1);
        CannedHttp http = Quiet(except: "/pulls");
        const string First = Root + "/pulls?state=all&sort=updated&direction=desc&per_page=100";
        for (int page = 1; page <= 6; page++)
        {
            string url = page == 1 ? First : $"{First}&page={page}";
            // Page p holds pull request p, updated 50 - p minutes after the cursor's time: newest first, as GitHub sorts.
            (string, string)[] link = page < 6 ? [("Link", $"<{First}&page={page + 1}>; rel=\"next\"")] : [];
            http.On(HttpMethod.Get, url, HttpStatusCode.OK, Pull(page, since.AddMinutes(50 - page)), link);
        }

        var cursors = QuietCursors();
        cursors[PollStreams.Pulls] = new(Time(since), null);
        IPollReader reader = Reader(http);

        PollReadResult first = await reader.ReadAsync(new PollReadRequest(new RepositoryRef("7", "acme/svc"), cursors, since.AddDays(-1)), CancellationToken.None);
        string cut = first.Cursors[PollStreams.Pulls].Cursor!;
        Assert.StartsWith(Time(since) + "|6|", cut, StringComparison.Ordinal); // the cursor did not move past what was not read
        Assert.Equal(5, first.Events.Count(e => e.Kind == EventKind.PullRequestOpened));

        cursors[PollStreams.Pulls] = new(cut, null);
        PollReadResult second = await reader.ReadAsync(new PollReadRequest(new RepositoryRef("7", "acme/svc"), cursors, since.AddDays(-1)), CancellationToken.None);
        Assert.Contains(second.Events, e => e.Kind == EventKind.PullRequestOpened && e.NaturalKey == "7:pr:6:opened");
        Assert.Contains(http.Requests, r => r.Url.AbsoluteUri == $"{First}&page=6");
    }

    private static IPollReader Reader(CannedHttp http) =>
        ProviderCatalog.For(ProviderKind.GitHub).CreatePollReader(http.Client(), new ProviderConnectionInfo(new Uri("https://ghe.example.com"), "t0ken"), new TestClock());

    private static CannedHttp Quiet(string except) => GitHubQuiet.Http(except);

    private static Dictionary<string, PollStreamCursor> QuietCursors() => GitHubQuiet.Cursors(A);

    private static string Branches(params (string Name, string Sha)[] branches) =>
        "[" + string.Join(',', branches.Select(b => $"{{\"name\":\"{b.Name}\",\"commit\":{{\"sha\":\"{b.Sha}\"}}}}")) + "]";

    private static string Pull(int number, DateTimeOffset updated) =>
        $$$"""[{"id":{{{number}}},"number":{{{number}}},"state":"open","title":"t{{{number}}}","user":{"login":"u"},"html_url":"https://ghe.example.com/acme/svc/pull/{{{number}}}","created_at":"{{{Time(updated)}}}","updated_at":"{{{Time(updated)}}}","head":{"ref":"f{{{number}}}","sha":"{{{new string('d', 40)}}}"},"base":{"ref":"main","sha":"{{{new string('e', 40)}}}"}}]""";

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
