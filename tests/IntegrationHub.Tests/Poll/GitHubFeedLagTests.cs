using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Providers.Events;
using IntegrationHub.Secrets;
using Microsoft.Extensions.DependencyInjection;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Poll;

/// <summary>
/// GitHub's events feed lags 30 s to hours: with every delivery dropped and the feed an hour behind, the poll still finds
/// a push to a pull request, a review comment, a commit comment, and a tag created then deleted, from the resources.
/// </summary>
public sealed class GitHubFeedLagTests
{
    [Fact]
    public async Task Poll_recovers_pull_request_updates_comments_and_tags_while_the_events_feed_lags()
    {
        await using var world = await HubWorld.StartAsync(PollSim.Options());
        var poll = new PollSim(world);
        SimRepo repo = await poll.AddRepositoryAsync("github", "lagging");
        await world.FaultAsync("github", new { dropDeliveries = 1.0, feedLagSeconds = 3600 });
        using HttpClient api = await ApiAsync(world, poll, repo);
        await poll.CycleAsync(); // the first look records where things stand

        await world.ControlAsync("events/pull-request-open", new { provider = "github", repo = repo.FullName, branch = "feature-lag", title = "Lag" });
        await poll.CycleAsync();
        await world.ControlAsync("events/pull-request-update", new { provider = "github", repo = repo.FullName, number = 1, push = true });
        string head = (string)(await api.GetFromJsonAsync<JsonNode>("pulls/1"))!["head"]!["sha"]!;
        string main = (string)(await api.GetFromJsonAsync<JsonNode>("branches"))!.AsArray().Single(b => (string)b!["name"]! == "main")!["commit"]!["sha"]!;
        long review = await PostAsync(api, "pulls/1/comments", new { body = "Rename this", commit_id = head, path = "a.cs", line = 1 });
        long onCommit = await PostAsync(api, $"commits/{main}/comments", new { body = "Nice commit" });
        await PostAsync(api, "git/refs", new { @ref = "refs/tags/v1.0", sha = main });
        await poll.CycleAsync();
        (await api.DeleteAsync("git/refs/tags/v1.0")).EnsureSuccessStatusCode();
        await poll.CycleAsync();

        string id = (await world.QueryAsync("SELECT external_id FROM repositories WHERE id = $1", r => r.GetString(0), repo.RepositoryId)).Single();
        var stored = (await world.QueryAsync("SELECT natural_key FROM events WHERE repository_id = $1", r => r.GetString(0), repo.RepositoryId)).ToHashSet();
        string[] expected =
        [
            NaturalKeys.PullRequestUpdated(id, 1, head),
            NaturalKeys.Comment(id, review.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            NaturalKeys.Comment(id, onCommit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            NaturalKeys.TagCreated(id, "v1.0", main),
            NaturalKeys.TagDeleted(id, "v1.0", main),
        ];
        Assert.True(!expected.Except(stored).Any(), $"missing {string.Join(", ", expected.Except(stored))}; stored {string.Join(", ", stored)}");
        using var feed = await api.GetAsync("events");
        Assert.Equal("[]", await feed.Content.ReadAsStringAsync()); // the feed really showed nothing yet
    }

    /// <summary>The simulator's GitHub API for this repository, as the connection's own token.</summary>
    private static async Task<HttpClient> ApiAsync(HubWorld world, PollSim poll, SimRepo repo)
    {
        string token = (await world.QueryAsync("SELECT access_token_protected FROM connections WHERE id = $1", r => r.GetString(0), repo.ConnectionId)).Single();
        var api = new HttpClient { BaseAddress = new Uri($"{world.SimUrl}/github/api/v3/repos/{repo.FullName}/") };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", poll.Services.GetRequiredService<ISecretProtector>().Unprotect(token));
        return api;
    }

    private static async Task<long> PostAsync(HttpClient api, string path, object body)
    {
        using var response = await api.PostAsJsonAsync(path, body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return (long?)JsonNode.Parse(text)!["id"] ?? 0;
    }
}
