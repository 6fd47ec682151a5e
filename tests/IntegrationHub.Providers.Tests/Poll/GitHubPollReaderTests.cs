using System.Net;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Poll;
using IntegrationHub.Providers.Tests.Api;

namespace IntegrationHub.Providers.Tests.Poll;

public sealed class GitHubPollReaderTests
{
    private const string Root = "https://ghe.example.com/api/v3/repos/acme/svc";

    [Fact]
    public async Task Answers_304_cost_no_events_and_advance_no_cursor()
    {
        CannedHttp http = GitHubQuiet.Http();
        http.On(HttpMethod.Get, Root + "/commits/abc/statuses", HttpStatusCode.NotModified);
        var cursors = GitHubQuiet.Cursors("abc");
        cursors[PollStreams.Statuses] = new("{\"abc\":\"W/\\\"st\\\"\"}", null);
        IPollReader reader = ProviderCatalog.For(ProviderKind.GitHub).CreatePollReader(http.Client(), new ProviderConnectionInfo(new Uri("https://ghe.example.com"), "t0ken"), new TestClock());

        PollReadResult result = await reader.ReadAsync(new PollReadRequest(new RepositoryRef("7", "acme/svc"), cursors, TestClock.Start.AddDays(-1)), CancellationToken.None);

        Assert.Null(result.Failure);
        Assert.Empty(result.Events);
        Assert.All(result.Cursors, c => Assert.Equal(cursors[c.Key].Cursor, c.Value.Cursor));
        Assert.Equal(result.Calls, result.NotModified);
        Assert.All(http.Requests, r => Assert.NotNull(r.Header("If-None-Match")));
    }
}
