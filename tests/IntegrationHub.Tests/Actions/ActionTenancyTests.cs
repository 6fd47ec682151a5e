using IntegrationHub.Tests.World;
using static IntegrationHub.Tests.Actions.ActionsCalls;

namespace IntegrationHub.Tests.Actions;

/// <summary>A key acts for its own tenant only, and only through that tenant's own connection.</summary>
public sealed class ActionTenancyTests(ActionsFixture fixture) : IClassFixture<ActionsFixture>
{
    private HubWorld World => fixture.World;

    private ActionsSim Actions => fixture.Actions;

    [Fact]
    public async Task Another_tenants_key_gets_404_on_every_action_and_nothing_is_posted()
    {
        var a = await Actions.TenantAsync("owner-a");
        var b = await Actions.TenantAsync("intruder-b");
        var repo = await Actions.RepositoryAsync(a, "github", "tenant-a-repo");
        await SimEvents.HookAsync(repo);
        var (number, sha) = await Actions.PullRequestAsync(repo);
        var (eventId, _) = await SimEvents.PullRequestCommentAsync(World, repo, number, "@hub-bot please");

        await ExpectAsync(await CommentAsync(b, repo.RepositoryId, new { target = "pull_request", number, body = "from b" }, "b-1"), 404);
        await ExpectAsync(await ReplyAsync(b, eventId, new { body = "from b" }, "b-2"), 404);
        await ExpectAsync(await StatusAsync(b, repo.RepositoryId, new { sha, state = "failure", context = "ci/b" }, "b-3"), 404);

        Assert.Single(await Actions.CommentsAsync(repo)); // the person's comment only
        Assert.Empty(await Actions.StatusesAsync(repo));
        Assert.Empty(await Actions.AuditAsync(b.TenantId));
        Assert.Empty(await Actions.AuditAsync(a.TenantId));
        Assert.Empty(await World.QueryAsync("SELECT idempotency_key FROM action_requests WHERE tenant_id = $1", b.TenantId)); // keys freed: nothing happened
    }

    [Fact]
    public async Task Tenants_sharing_a_provider_repository_each_write_with_their_own_token()
    {
        var a = await Actions.TenantAsync("shared-a");
        var b = await Actions.TenantAsync("shared-b");
        var repoA = await Actions.RepositoryAsync(a, "gitlab", "shared", user: "alice-shared");
        // The same GitLab project, seen by tenant B through its own connection (bob's token).
        var repoB = await Actions.RepositoryAsync(b, "gitlab", "shared", user: "bob-shared", owner: "alice-shared");
        Assert.Equal(repoA.ExternalId, repoB.ExternalId);
        var (number, _) = await Actions.PullRequestAsync(repoA);

        await ExpectAsync(await CommentAsync(b, repoA.RepositoryId, new { target = "pull_request", number, body = "via a's row" }), 404);
        await ExpectAsync(await CommentAsync(b, repoB.RepositoryId, new { target = "pull_request", number, body = "from b" }), 201);

        var comment = Assert.Single(await Actions.CommentsAsync(repoA));
        Assert.Equal("from b", (string)comment!["body"]!);
        Assert.Equal("bob-shared", (string)comment["author"]!);
        Assert.StartsWith($"comment.posted|api key '{b.KeyName}'|", Assert.Single(await Actions.AuditAsync(b.TenantId)));
        Assert.Empty(await Actions.AuditAsync(a.TenantId));
    }

    [Fact]
    public async Task OpenApi_document_describes_the_three_actions_with_their_answers()
    {
        using var client = World.Hub.CreateClient();

        var doc = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");

        foreach (string path in (string[])["/api/v1/repositories/{id}/comments", "/api/v1/events/{id}/reply", "/api/v1/repositories/{id}/statuses"])
        {
            var responses = doc.GetProperty(path).GetProperty("post").GetProperty("responses");
            Assert.True(responses.TryGetProperty("201", out _), path);
            Assert.True(responses.TryGetProperty("429", out _), path);
        }
    }
}
