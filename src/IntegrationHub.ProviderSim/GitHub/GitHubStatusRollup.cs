using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// A commit's <c>statusCheckRollup.state</c>: GitHub's one word (a <c>StatusState</c>) for its check runs and commit
/// statuses together, null when it has neither (https://docs.github.com/graphql/reference/objects#statuscheckrollup).
/// Each workflow run on the commit counts (each is a check suite), and the latest status of each context, as the combined
/// status counts it (https://docs.github.com/rest/commits/statuses#get-the-combined-status-for-a-specific-reference):
/// any error is ERROR, then any failure (a failed or cancelled run, a failure status) FAILURE, then anything queued, in
/// progress or pending PENDING, else SUCCESS. Neutral and skipped runs count as success, as they satisfy a required
/// check (https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches).
/// EXPECTED (a required context not reported yet) needs branch protection, which the simulator does not have.
/// </summary>
internal static class GitHubStatusRollup
{
    private static readonly string[] WorstFirst = ["ERROR", "FAILURE", "PENDING"];

    /// <summary>The rollup state of <paramref name="sha"/>, or null. Call under the store's gate.</summary>
    public static string? State(SimRepo repo, string sha)
    {
        var states = repo.Statuses.Where(s => s.Sha == sha).GroupBy(s => s.Context, StringComparer.Ordinal).Select(g => Status(g.Last().State))
            .Concat(repo.Runs.Where(r => r.Sha == sha).Select(Run))
            .ToHashSet(StringComparer.Ordinal);
        return states.Count == 0 ? null : WorstFirst.FirstOrDefault(states.Contains) ?? "SUCCESS";
    }

    private static string Status(string state) => state switch
    {
        "error" => "ERROR",
        "failure" => "FAILURE",
        "pending" => "PENDING",
        _ => "SUCCESS",
    };

    private static string Run(SimRun run) => run.Status != "completed" ? "PENDING" : run.Conclusion switch
    {
        "success" or "neutral" or "skipped" => "SUCCESS",
        _ => "FAILURE",
    };
}
