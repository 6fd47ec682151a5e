using System.Net;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Poll;
using IntegrationHub.Providers.Tests.Api;

namespace IntegrationHub.Providers.Tests.Poll;

/// <summary>The hook's deliveries list is billed on every read: it is swept every ten minutes, not every cycle.</summary>
public sealed class GitHubDeliverySweepTests
{
    private const string Root = "https://ghe.example.com/api/v3/repos/acme/svc";

    [Fact]
    public async Task Deliveries_are_swept_once_per_sweep_interval_not_once_per_poll()
    {
        CannedHttp http = GitHubQuiet.Http();
        http.On(HttpMethod.Get, Root + "/commits/abc/statuses", HttpStatusCode.NotModified);

        http.On(HttpMethod.Get, Root + "/hooks/5/deliveries", HttpStatusCode.OK, "[]");
        var cursors = GitHubQuiet.Cursors("abc");
        cursors[PollStreams.Statuses] = new("{\"abc\":\"W/\\\"st\\\"\"}", null);
        var clock = new TestClock();
        IPollReader reader = ProviderCatalog.For(ProviderKind.GitHub).CreatePollReader(http.Client(), new ProviderConnectionInfo(new Uri("https://ghe.example.com"), "t0ken"), clock);
        async Task<PollReadResult> PollAsync() =>
            await reader.ReadAsync(new PollReadRequest(new RepositoryRef("7", "acme/svc"), cursors, TestClock.Start.AddDays(-1), ProviderHookId: "5"), CancellationToken.None);
        int Sweeps() => http.Requests.Count(r => r.Url.AbsolutePath.EndsWith("/deliveries", StringComparison.Ordinal));

        PollReadResult first = await PollAsync();
        cursors[PollStreams.Deliveries] = first.Cursors[PollStreams.Deliveries];
        clock.Now = TestClock.Start.AddMinutes(9);
        PollReadResult soon = await PollAsync();
        Assert.Equal(1, Sweeps());
        Assert.Equal(soon.Calls, soon.NotModified); // nothing billed in that cycle
        Assert.False(soon.Cursors.ContainsKey(PollStreams.Deliveries));

        clock.Now = TestClock.Start.AddMinutes(11);
        await PollAsync();
        Assert.Equal(2, Sweeps());
    }
}
