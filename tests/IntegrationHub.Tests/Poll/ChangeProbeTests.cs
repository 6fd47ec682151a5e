using System.Net;
using System.Runtime.CompilerServices;
using IntegrationHub.Data;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Providers.Events;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Poll;

/// <summary>
/// GitHub's change probe over the simulator's GraphQL: one request asks all of a connection's due repositories whether
/// anything moved; only those that moved are read over REST; a probe that fails changes nothing but the cost.
/// </summary>
public sealed class ChangeProbeTests
{
    /// <summary>
    /// A long interval keeps the by-turn full reads out of the test (none is due within half an interval of the last);
    /// no hot window, so a cycle after a change is probed again. For the world and the worker node that polls.
    /// </summary>
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Hub:Poll:IntervalSeconds"] = "600",
        ["Hub:Poll:FullReadSeconds"] = "6000",
        ["Hub:Poll:HotSeconds"] = "0",
    };

    [Fact]
    public async Task Unchanged_repositories_cost_one_GraphQL_request_for_the_lot_and_no_REST_call()
    {
        await using var world = await HubWorld.StartAsync(PollSim.Options(Settings));
        var worker = await world.StartWorkerAsync("probe-node", Settings);
        var poll = new PollSim(world, worker.Services);
        var repos = await poll.AddRepositoriesAsync("github", "quiet-a", "quiet-b", "quiet-c");
        var first = await poll.CycleAsync(); // first look: every repository read in full, its probe mark stored with its cursors
        Assert.All(first, p => Assert.Equal(PollOutcomes.Ok, p.Outcome));
        Assert.Equal(3, await ProbeMarksAsync(world, repos));

        var before = world.Calls.Snapshot();
        var second = await poll.CycleAsync();

        Assert.Equal(repos.Select(r => r.RepositoryId).Order(), second.Select(p => p.RepositoryId).Order());
        Assert.All(second, p => Assert.Equal(PollOutcomes.Ok, p.Outcome));
        Assert.Equal(new Dictionary<string, int> { ["POST /github/api/graphql"] = 1 }, world.Calls.Since(before));
        var state = await world.QueryAsync("SELECT calls_last_cycle, lease_until IS NULL, last_polled_at > now() - interval '1 minute' FROM poll_state",
            r => (Calls: r.GetInt32(0), Released: r.GetBoolean(1), Recent: r.GetBoolean(2)));
        Assert.All(state, s => Assert.Equal((0, true, true), s));
    }

    [Fact]
    public async Task Only_the_repository_whose_probe_moved_is_read_in_full_and_its_missed_event_is_recovered()
    {
        await using var world = await HubWorld.StartAsync(PollSim.Options(Settings));
        var (poll, repos) = await QuietAsync(world, "still-a", "moved", "still-b");

        await world.ControlAsync("events/issue-open", new { provider = "github", repo = repos[1].FullName, title = "Missed" });
        var (id, stored) = await ReadAloneAsync(world, poll, repos[1], "issues");

        Assert.Contains(NaturalKeys.IssueOpened(id, 1), stored);
        var before = world.Calls.Snapshot();
        await poll.CycleAsync(); // read in full, its new fingerprint stored: quiet again
        Assert.Equal(new Dictionary<string, int> { ["POST /github/api/graphql"] = 1 }, world.Calls.Since(before));
    }

    [Fact]
    public async Task A_workflow_run_finishing_on_an_unmoved_head_has_only_its_repository_read_in_full_and_its_run_stored()
    {
        await using var world = await HubWorld.StartAsync(PollSim.Options(Settings));
        var (poll, repos) = await QuietAsync(world, "idle-a", "built", "idle-b");

        // No push, pull request, issue, tag or comment: only the head's check rollup moves (null to SUCCESS).
        var run = await world.ControlAsync("events/run", new { provider = "github", repo = repos[1].FullName, branch = "main", name = "CI", conclusion = "success" });
        var (id, stored) = await ReadAloneAsync(world, poll, repos[1], "actions/runs");

        Assert.Contains(NaturalKeys.PipelineCompleted(id, ((long)run["runId"]!).ToString(System.Globalization.CultureInfo.InvariantCulture)), stored);
    }

    [Fact]
    public async Task A_probe_that_fails_leaves_every_repository_read_in_full_and_its_mark_where_it_was()
    {
        await using var world = await HubWorld.StartAsync(PollSim.Options(Settings));
        var failing = new StrongBox<bool>();
        var worker = await world.StartWorkerAsync("probe-node", Settings,
            s => s.AddHttpClient(ConnectionApis.HttpClientName).AddHttpMessageHandler(() => new GraphQlDown(failing)));
        var poll = new PollSim(world, worker.Services);
        var repos = await poll.AddRepositoriesAsync("github", "down-a", "down-b");
        await poll.CycleAsync();
        string marks = string.Join(",", await world.QueryAsync("SELECT cursor FROM poll_cursors WHERE stream = 'probe' ORDER BY cursor", r => r.GetString(0)));

        failing.Value = true;
        var before = world.Calls.Snapshot();
        var polled = await poll.CycleAsync();

        Assert.All(polled, p => Assert.Equal(PollOutcomes.Ok, p.Outcome));
        var calls = world.Calls.Since(before);
        Assert.All(repos, r => Assert.Contains(calls.Keys, k => k.Contains("/repos/" + r.FullName + "/issues", StringComparison.Ordinal)));
        Assert.Equal(marks, string.Join(",", await world.QueryAsync("SELECT cursor FROM poll_cursors WHERE stream = 'probe' ORDER BY cursor", r => r.GetString(0))));
    }

    [Fact]
    public async Task A_probe_refused_for_its_rate_limit_is_not_sent_again_before_the_reset()
    {
        await using var world = await HubWorld.StartAsync(PollSim.Options(Settings));
        var graphQl = new GraphQlBudget();
        var worker = await world.StartWorkerAsync("probe-node", Settings,
            s => s.AddHttpClient(ConnectionApis.HttpClientName).AddHttpMessageHandler(() => new GraphQlSpent(graphQl)));
        var poll = new PollSim(world, worker.Services);
        var repos = await poll.AddRepositoriesAsync("github", "spent-a", "spent-b");
        await poll.CycleAsync();
        Assert.Equal(1, graphQl.Requests);

        Volatile.Write(ref graphQl.Spent, true);
        await poll.CycleAsync(); // refused, reset an hour away: read in full
        var before = world.Calls.Snapshot();
        var polled = await poll.CycleAsync();

        Assert.Equal(2, graphQl.Requests); // the refusal, then nothing until the reset
        Assert.All(polled, p => Assert.Equal(PollOutcomes.Ok, p.Outcome));
        var calls = world.Calls.Since(before);
        Assert.All(repos, r => Assert.Contains(calls.Keys, k => k.Contains("/repos/" + r.FullName + "/issues", StringComparison.Ordinal)));
    }

    /// <summary>GitHub repositories on one connection, each read once, with every webhook dropped from then on: only the poll learns what happens next.</summary>
    private static async Task<(PollSim Poll, IReadOnlyList<SimRepo> Repos)> QuietAsync(HubWorld world, params string[] names)
    {
        var worker = await world.StartWorkerAsync("probe-node", Settings);
        var poll = new PollSim(world, worker.Services);
        var repos = await poll.AddRepositoriesAsync("github", names);
        await world.FaultAsync("github", new { dropDeliveries = 1.0 });
        await poll.CycleAsync();
        return (poll, repos);
    }

    /// <summary>
    /// The next cycle, after something happened in <paramref name="moved"/> only: one probe for all, REST reads of
    /// <paramref name="moved"/> alone, <paramref name="stream"/> among them. Its external id and the keys of its poll events.
    /// </summary>
    private static async Task<(string Id, List<string> Stored)> ReadAloneAsync(HubWorld world, PollSim poll, SimRepo moved, string stream)
    {
        var before = world.Calls.Snapshot();
        await poll.CycleAsync();
        var calls = world.Calls.Since(before);
        Assert.Equal(1, calls["POST /github/api/graphql"]);
        string path = "/repos/" + moved.FullName + "/";
        Assert.All(calls.Keys.Where(k => k.StartsWith("GET ", StringComparison.Ordinal)), k => Assert.Contains(path, k, StringComparison.Ordinal));
        Assert.Contains(calls.Keys, k => k.EndsWith(path + stream, StringComparison.Ordinal));
        string id = (await world.QueryAsync("SELECT external_id FROM repositories WHERE id = $1", r => r.GetString(0), moved.RepositoryId)).Single();
        var stored = await world.QueryAsync("SELECT natural_key FROM events WHERE repository_id = $1 AND source = 'poll'", r => r.GetString(0), moved.RepositoryId);
        return (id, stored);
    }

    private static Task<long> ProbeMarksAsync(HubWorld world, IReadOnlyList<SimRepo> repos) =>
        world.ScalarAsync<long>("SELECT count(*) FROM poll_cursors WHERE stream = 'probe' AND repository_id = ANY($1)", repos.Select(r => r.RepositoryId).ToArray());

    private sealed class GraphQlBudget
    {
        public bool Spent;
        public int Sent;

        public int Requests => Volatile.Read(ref Sent);
    }

    /// <summary>
    /// Counts GitHub GraphQL requests; once the budget is spent, answers them as GitHub does when its points are: 200, a
    /// RATE_LIMITED error, no data, the reset an hour away.
    /// </summary>
    private sealed class GraphQlSpent(GraphQlBudget budget) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.RequestUri!.AbsolutePath.EndsWith("/graphql", StringComparison.Ordinal))
            {
                return base.SendAsync(request, cancellationToken);
            }

            Interlocked.Increment(ref budget.Sent);
            if (!Volatile.Read(ref budget.Spent))
            {
                return base.SendAsync(request, cancellationToken);
            }

            var answer = new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = request,
                Content = new StringContent("""{"errors":[{"type":"RATE_LIMITED","message":"API rate limit exceeded for user ID 1."}]}""",
                    System.Text.Encoding.UTF8, "application/json"),
            };
            answer.Headers.Add("X-RateLimit-Limit", "5000");
            answer.Headers.Add("X-RateLimit-Remaining", "0");
            answer.Headers.Add("X-RateLimit-Reset", DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            return Task.FromResult(answer);
        }
    }

    /// <summary>GitHub's GraphQL endpoint answering 502 while <paramref name="failing"/> is set; REST untouched.</summary>
    private sealed class GraphQlDown(StrongBox<bool> failing) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Volatile.Read(ref failing.Value) && request.RequestUri!.AbsolutePath.EndsWith("/graphql", StringComparison.Ordinal)
                ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadGateway) { RequestMessage = request })
                : base.SendAsync(request, cancellationToken);
    }
}
