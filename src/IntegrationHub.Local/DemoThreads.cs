using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Local;

/// <summary>
/// A pull request and an issue on GitHub, and a merge request on GitLab, in the first demo repository: something to
/// comment on, so the mention bot can be tried with one call. The simulator's world is in memory, so this runs at every start.
/// </summary>
internal sealed record DemoThreads(string Repository, int GitHubPull, int GitHubIssue, int GitLabMergeRequest)
{
    public const string DemoRepository = "demo-team1/service1";

    public static async Task<DemoThreads> SeedAsync(string simulatorUrl, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = new Uri(simulatorUrl) };
        int pull = await OpenAsync(http, "pull-request-open", "github", "Try the mention bot", ct);
        int issue = await OpenAsync(http, "issue-open", "github", "Ask the mention bot something", ct);
        int mergeRequest = await OpenAsync(http, "pull-request-open", "gitlab", "Try the mention bot", ct);
        return new DemoThreads(DemoRepository, pull, issue, mergeRequest);
    }

    /// <summary>The exact call that comments "@hub-bot hello" on the demo pull request, for the start-up message.</summary>
    public string CommentCall(string simulatorUrl, string handle) =>
        $$"""curl -s -X POST {{simulatorUrl.TrimEnd('/')}}/_sim/events/comment -H 'content-type: application/json' -d '{"provider":"github","repo":"{{Repository}}","on":"pull","number":{{GitHubPull}},"body":"@{{handle}} hello"}'""";

    /// <summary>The call that lists the repository's comments, where the bot's answer appears.</summary>
    public string CommentsCall(string simulatorUrl) =>
        $"curl -s '{simulatorUrl.TrimEnd('/')}/_sim/comments?provider=github&repo={Repository}'";

    private static async Task<int> OpenAsync(HttpClient http, string what, string provider, string title, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync($"/_sim/events/{what}", new { provider, repo = DemoRepository, title }, ct);
        response.EnsureSuccessStatusCode();
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
        return answer["number"]!.GetValue<int>();
    }
}
