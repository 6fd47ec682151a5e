using System.Net;
using IntegrationHub.Data;
using IntegrationHub.Tests.Actions;
using IntegrationHub.Tests.Poll;
using IntegrationHub.Tests.World;
using static IntegrationHub.Tests.Actions.ActionsCalls;

namespace IntegrationHub.Tests.Telemetry;

/// <summary>
/// <c>ihub.provider.calls</c> under real calls to the simulator: each feature's calls under its own operation, the answer's
/// class as the outcome, and nothing left untagged (<c>other</c>, <c>unknown</c>).
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class ProviderCallMetricsTests
{
    private static readonly (string, string) GitHub = ("provider", "github");
    private static readonly (string, string) GitLab = ("provider", "gitlab");
    private static readonly (string, string) Ok = ("outcome", "ok");

    [Fact]
    public async Task Discovery_and_hook_registration_count_their_calls_under_their_own_operation()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var worker = await world.StartWorkerAsync("calls-discovery");
        using var meters = MeterCapture.Start();

        var (id, _) = await world.ConnectAsync(worker, "github", owners: 1, reposPerOwner: 3, "/github");

        Assert.True(await world.HooksSettledAsync(id, 3));
        long discovery = meters.Sum("ihub.provider.calls", GitHub, ("operation", "discovery"), Ok);
        Assert.InRange(discovery, 1, 10);
        Assert.InRange(meters.Sum("ihub.provider.calls", GitHub, ("operation", "hooks"), Ok), 3, 50);
        Assert.Equal(discovery, meters.Sum("ihub.provider.call.duration", GitHub, ("operation", "discovery"), Ok));
        Assert.InRange(meters.HistogramSum("ihub.provider.call.duration", GitHub, ("operation", "discovery")), 1e-6, 60);
        Assert.Equal(0, meters.Sum("ihub.provider.calls", ("operation", "other")));
        Assert.Equal(0, meters.Sum("ihub.provider.calls", ("provider", "unknown")));
    }

    [Fact]
    public async Task Poll_reads_change_probes_and_a_rate_limit_answer_are_counted_by_operation_and_outcome()
    {
        await using var world = await HubWorld.StartAsync(PollSim.Options());
        var poll = new PollSim(world);
        await poll.AddRepositoryAsync("gitlab", "svc");
        var github = await poll.AddRepositoryAsync("github", "api");
        using var meters = MeterCapture.Start();

        var first = await poll.CycleAsync();

        Assert.All(first, p => Assert.Equal(PollOutcomes.Ok, p.Outcome));
        Assert.True(meters.Sum("ihub.provider.calls", GitLab, ("operation", "poll"), Ok) >= 1);
        Assert.True(meters.Sum("ihub.provider.calls", GitHub, ("operation", "probe")) >= 1); // GitHub's change probe comes first
        Assert.Equal(0, meters.Sum("ihub.provider.calls", GitLab, ("operation", "probe"))); // GitLab has none
        Assert.Equal(0, meters.Sum("ihub.provider.calls", GitLab, ("outcome", "rate_limited")));

        // A push: the probe sees it and the full read asks each stream again with its ETag; the unchanged ones answer 304.
        await world.ControlAsync("events/push", new { provider = "github", repo = github.FullName });
        await poll.CycleAsync();

        Assert.True(meters.Sum("ihub.provider.calls", GitHub, ("operation", "poll"), ("outcome", "not_modified")) >= 1);

        // GitLab's limit answers 429; GitHub's primary limit answers 403 with no budget left.
        await world.FaultAsync("gitlab", new { rateLimit = "primary", rateLimitStatus = 429, retryAfterSeconds = 120 });
        await world.FaultAsync("github", new { rateLimit = "primary", rateLimitStatus = 403 });
        var limited = await poll.CycleAsync();

        Assert.Contains(limited, p => p.Outcome == PollOutcomes.RateLimited);
        Assert.Equal(1, meters.Sum("ihub.provider.calls", GitLab, ("operation", "poll"), ("outcome", "rate_limited")));
        Assert.True(meters.Sum("ihub.provider.calls", GitHub, ("outcome", "rate_limited")) >= 1);
        Assert.Equal(0, meters.Sum("ihub.provider.calls", GitHub, ("outcome", "client_error")));
        Assert.Equal(0, meters.Sum("ihub.provider.calls", ("operation", "other")));
    }

    [Fact]
    public async Task A_comment_through_the_actions_api_counts_one_actions_call()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { Simulator = true });
        var actions = new ActionsSim(world);
        var tenant = await actions.TenantAsync("calls-actions");
        var repo = await actions.RepositoryAsync(tenant, "github", "commented");
        var (number, _) = await actions.PullRequestAsync(repo);
        using var meters = MeterCapture.Start();

        using var posted = await CommentAsync(tenant, repo.RepositoryId, new { target = "pull_request", number, body = "Looks good" });

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal(1, meters.Sum("ihub.provider.calls", GitHub, ("operation", "actions"), Ok));
        Assert.Equal(1, meters.Sum("ihub.provider.calls"));
    }
}
