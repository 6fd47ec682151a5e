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

    [Fact]
    public async Task A_delivery_GitHub_got_no_answer_for_status_code_0_is_a_failure_and_redelivered()
    {
        CannedHttp http = GitHubQuiet.Http();
        http.On(HttpMethod.Get, Root + "/commits/abc/statuses", HttpStatusCode.NotModified);
        string at = TestClock.Start.AddMinutes(-5).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        // GitHub lists attempts made: status_code 0 with a status other than "OK" is a timeout, not a pending delivery.
        http.On(HttpMethod.Get, Root + "/hooks/5/deliveries", HttpStatusCode.OK, $$"""
            [{"id":12,"guid":"g-ok","status":"OK","status_code":200,"redelivery":false,"delivered_at":"{{at}}"},
             {"id":11,"guid":"g-timeout","status":"timed out","status_code":0,"redelivery":false,"delivered_at":"{{at}}"}]
            """);
        http.On(HttpMethod.Post, Root + "/hooks/5/deliveries/11/attempts", HttpStatusCode.Accepted, "{}");
        var cursors = GitHubQuiet.Cursors("abc");
        cursors[PollStreams.Statuses] = new("{\"abc\":\"W/\\\"st\\\"\"}", null);
        IPollReader reader = ProviderCatalog.For(ProviderKind.GitHub).CreatePollReader(http.Client(), new ProviderConnectionInfo(new Uri("https://ghe.example.com"), "t0ken"), new TestClock());

        PollReadResult result = await reader.ReadAsync(new PollReadRequest(new RepositoryRef("7", "acme/svc"), cursors, TestClock.Start.AddDays(-1), ProviderHookId: "5"), CancellationToken.None);

        Assert.Single(http.Requests, r => r.Method == HttpMethod.Post && r.Url.AbsolutePath.EndsWith("/deliveries/11/attempts", StringComparison.Ordinal));
        Assert.StartsWith("12|", result.Cursors[PollStreams.Deliveries].Cursor, StringComparison.Ordinal);
    }
}
