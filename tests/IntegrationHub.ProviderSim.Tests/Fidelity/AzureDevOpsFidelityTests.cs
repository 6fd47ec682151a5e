using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.ProviderSim.Tests.Fidelity;

/// <summary>Azure DevOps comment threads, the Builds API and build.complete as the real service has them.</summary>
public sealed class AzureDevOpsFidelityTests
{
    private const string Repo = "/azure-devops/contoso/proj1/_apis/git/repositories/repo1";

    [Fact]
    public async Task Comment_event_links_its_thread_and_numbers_comments_within_each_thread()
    {
        await using var w = await FidelityWorld.Create("azure-devops", ["ms.vss-code.git-pullrequest-comment-event"]);
        await w.Event("pull-request-open", new() { ["branch"] = "feature" });
        var first = await w.Event("comment", new() { ["number"] = 1, ["body"] = "First thread" });
        var second = await w.Event("comment", new() { ["number"] = 1, ["body"] = "Second thread" });
        await w.Event("comment", new() { ["number"] = 1, ["body"] = "Reply", ["thread"] = (long)first["threadId"]! });
        using var posted = await w.Api.PostAsJsonAsync($"{Repo}/pullrequests/1/threads/{(long)second["threadId"]!}/comments", new { content = "API reply" });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

        var comments = (await w.Received()).Select(x => x.Body["resource"]!["comment"]!)
            .Select(c => ((string)c["content"]!, (int)c["id"]!, (int)c["parentCommentId"]!, (string)c["_links"]!["threads"]!["href"]!)).ToArray();
        var firstThread = $"/pullRequests/1/threads/{(long)first["threadId"]!}";
        var secondThread = $"/pullRequests/1/threads/{(long)second["threadId"]!}";
        Assert.Contains(comments, c => c is ("First thread", 1, 0, _) && c.Item4.EndsWith(firstThread, StringComparison.Ordinal));
        Assert.Contains(comments, c => c is ("Second thread", 1, 0, _) && c.Item4.EndsWith(secondThread, StringComparison.Ordinal));
        Assert.Contains(comments, c => c is ("Reply", 2, 1, _) && c.Item4.EndsWith(firstThread, StringComparison.Ordinal));
        Assert.Contains(comments, c => c is ("API reply", 2, 1, _) && c.Item4.EndsWith(secondThread, StringComparison.Ordinal));

        var threads = (await w.Api.GetFromJsonAsync<JsonNode>($"{Repo}/pullrequests/1/threads"))!["value"]!.AsArray();
        Assert.Equal([(long)first["threadId"]!, (long)second["threadId"]!], threads.Select(t => (long)t!["id"]!));
        Assert.Equal(["First thread", "Reply"], threads[0]!["comments"]!.AsArray().Select(c => (string)c!["content"]!));
        Assert.Equal([1, 2], threads[0]!["comments"]!.AsArray().Select(c => (int)c!["id"]!));
    }

    [Fact]
    public async Task Run_delivers_build_complete_only_to_build_subscriptions_with_the_repository()
    {
        await using var w = await FidelityWorld.Create("azure-devops", ["git.push", "build.complete"]);
        var run = await w.Event("run", new() { ["branch"] = "main", ["name"] = "CI", ["conclusion"] = "failure" });
        var received = await w.Received();
        var build = Assert.Single(received).Body;
        Assert.Equal("build.complete", (string?)build["eventType"]);
        var resource = build["resource"]!;
        Assert.Equal((long)run["runId"]!, (long)resource["id"]!);
        Assert.Equal("failed", (string?)resource["result"]);
        Assert.Equal("refs/heads/main", (string?)resource["sourceBranch"]);
        Assert.Equal((string?)run["sha"], (string?)resource["sourceVersion"]);
        Assert.Equal("TfsGit", (string?)resource["repository"]!["type"]);
    }

    [Fact]
    public async Task Builds_list_filters_by_repository_and_min_time_and_pages_by_continuation_token()
    {
        await using var w = await FidelityWorld.Create("azure-devops", ["build.complete"]);
        var repoId = (string)(await w.Api.GetFromJsonAsync<JsonNode>(Repo))!["id"]!;
        for (var i = 0; i < 3; i++) await w.Event("run", new() { ["name"] = "CI", ["conclusion"] = "success" });
        const string Builds = "/azure-devops/contoso/proj1/_apis/build/builds";

        using var untyped = await w.Api.GetAsync($"{Builds}?repositoryId={repoId}");
        Assert.Equal(HttpStatusCode.BadRequest, untyped.StatusCode);

        var ids = new List<long>();
        string? token = null;
        do
        {
            using var page = await w.Api.GetAsync($"{Builds}?repositoryId={repoId}&repositoryType=TfsGit&$top=2&api-version=7.1"
                + (token is null ? "" : "&continuationToken=" + token));
            var body = JsonNode.Parse(await page.Content.ReadAsStringAsync())!;
            ids.AddRange(body["value"]!.AsArray().Select(b => (long)b!["id"]!));
            Assert.All(body["value"]!.AsArray(), b => Assert.Equal(repoId, (string?)b!["repository"]!["id"]));
            token = page.Headers.TryGetValues("x-ms-continuationtoken", out var t) ? t.Single() : null;
        }
        while (token is not null);

        Assert.Equal(3, ids.Count);
        Assert.Equal(ids.OrderDescending(), ids);
        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"));
        Assert.Equal(0, (int)(await w.Api.GetFromJsonAsync<JsonNode>($"{Builds}?repositoryId={repoId}&repositoryType=TfsGit&minTime={future}"))!["count"]!);
        Assert.Equal(0, (int)(await w.Api.GetFromJsonAsync<JsonNode>($"{Builds}?repositoryId={Guid.NewGuid()}&repositoryType=TfsGit"))!["count"]!);
    }
}
