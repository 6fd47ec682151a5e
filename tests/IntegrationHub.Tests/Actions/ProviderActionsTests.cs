using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.World;
using static IntegrationHub.Tests.Actions.ActionsCalls;

namespace IntegrationHub.Tests.Actions;

/// <summary>A comment, a reply and a status through each of the five providers, each posted once under a retried Idempotency-Key.</summary>
public sealed class ProviderActionsTests(ActionsFixture fixture) : IClassFixture<ActionsFixture>
{
    private HubWorld World => fixture.World;

    private ActionsSim Actions => fixture.Actions;

    public static TheoryData<string> Providers => ["github", "gitlab", "bitbucket-cloud", "bitbucket-dc", "azure-devops"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Pull_request_comment_is_posted_once_under_a_retried_idempotency_key(string provider)
    {
        var tenant = await Actions.TenantAsync("pr-" + provider);
        var repo = await Actions.RepositoryAsync(tenant, provider, "pr-comments");
        var (number, _) = await Actions.PullRequestAsync(repo);
        var body = new { target = "pull_request", number, body = "Analysis: **2 findings**" };
        string key = Guid.NewGuid().ToString();

        using var first = await CommentAsync(tenant, repo.RepositoryId, body, key);
        var created = await ExpectAsync(first, 201);
        using var retry = await CommentAsync(tenant, repo.RepositoryId, body, key);
        var replayed = await ExpectAsync(retry, 201);

        Assert.Equal("pull_request", (string)created["target"]!);
        Assert.Equal(number, (long)created["number"]!);
        Assert.False(string.IsNullOrEmpty((string?)created["id"]));
        Assert.Equal(created.ToJsonString(), replayed.ToJsonString());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        var comment = Assert.Single(await Actions.CommentsAsync(repo));
        Assert.Equal("Analysis: **2 findings**", (string)comment!["body"]!);
        Assert.Equal(repo.User, (string)comment["author"]!); // the tenant connection's token wrote it
        var audit = Assert.Single(await Actions.AuditAsync(tenant.TenantId));
        Assert.StartsWith($"comment.posted|api key '{tenant.KeyName}'|{repo.HubPath}|comment {(string)created["id"]!} on pull request {number}", audit);
    }

    [Theory]
    [InlineData("github")]
    [InlineData("gitlab")]
    [InlineData("bitbucket-cloud")]
    public async Task Issue_comment_is_posted_where_the_provider_has_issues(string provider)
    {
        var tenant = await Actions.TenantAsync("issue-" + provider);
        var repo = await Actions.RepositoryAsync(tenant, provider, "issue-comments");
        int number = await Actions.IssueAsync(repo);

        var body = new { target = "issue", number, body = "Seen, thanks." };
        string key = Guid.NewGuid().ToString();

        var created = await ExpectAsync(await CommentAsync(tenant, repo.RepositoryId, body, key), 201);
        using var retry = await CommentAsync(tenant, repo.RepositoryId, body, key);
        Assert.Equal(created.ToJsonString(), (await ExpectAsync(retry, 201)).ToJsonString());

        Assert.Equal("issue", (string)created["target"]!);
        var comment = Assert.Single(await Actions.CommentsAsync(repo));
        Assert.Equal("issue", (string)comment!["on"]!);
        Assert.Equal(number, (int)comment["number"]!);
    }

    [Theory]
    [InlineData("github")]
    [InlineData("gitlab")]
    [InlineData("bitbucket-cloud")]
    [InlineData("bitbucket-dc")]
    public async Task Commit_comment_is_posted_where_the_provider_has_commit_comments(string provider)
    {
        var tenant = await Actions.TenantAsync("commit-" + provider);
        var repo = await Actions.RepositoryAsync(tenant, provider, "commit-comments");
        string sha = await Actions.PushAsync(repo);

        var body = new { target = "commit", sha, body = "Build looks fine." };
        string key = Guid.NewGuid().ToString();

        var created = await ExpectAsync(await CommentAsync(tenant, repo.RepositoryId, body, key), 201);
        using var retry = await CommentAsync(tenant, repo.RepositoryId, body, key);
        Assert.Equal(created.ToJsonString(), (await ExpectAsync(retry, 201)).ToJsonString());

        Assert.Equal("commit", (string)created["target"]!);
        Assert.Equal(sha, (string)created["sha"]!);
        var comment = Assert.Single(await Actions.CommentsAsync(repo));
        Assert.Equal(sha, (string)comment!["sha"]!);
    }

    [Theory]
    [InlineData("bitbucket-dc", "issue")]
    [InlineData("azure-devops", "commit")]
    public async Task Target_the_provider_lacks_is_422_and_nothing_is_posted(string provider, string target)
    {
        var tenant = await Actions.TenantAsync("lacks-" + provider);
        var repo = await Actions.RepositoryAsync(tenant, provider, "lacks");
        string sha = await Actions.PushAsync(repo);
        object body = target == "commit" ? new { target, sha, body = "x" } : new { target, number = 1, body = "x" };

        var problem = await ExpectAsync(await CommentAsync(tenant, repo.RepositoryId, body), 422);

        Assert.Contains(target.Replace('_', ' '), (string)problem["detail"]!);
        Assert.Empty(await Actions.CommentsAsync(repo));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reply_to_a_pull_request_comment_event_answers_on_that_pull_request(string provider)
    {
        var tenant = await Actions.TenantAsync("reply-" + provider);
        var repo = await Actions.RepositoryAsync(tenant, provider, "replies");
        await SimEvents.HookAsync(repo);
        var (number, _) = await Actions.PullRequestAsync(repo);
        var (eventId, thread) = await SimEvents.PullRequestCommentAsync(World, repo, number, "@hub-bot hello");
        string key = Guid.NewGuid().ToString();

        var created = await ExpectAsync(await ReplyAsync(tenant, eventId, new { body = "Hello back!" }, key), 201);
        using var retry = await ReplyAsync(tenant, eventId, new { body = "Hello back!" }, key);
        await ExpectAsync(retry, 201);

        Assert.Equal("pull_request", (string)created["target"]!);
        Assert.Equal(number, (long)created["number"]!);
        var comments = await Actions.CommentsAsync(repo);
        Assert.Equal(2, comments.Count); // the person's comment and one reply
        var reply = comments.Single(c => (string)c!["body"]! == "Hello back!")!;
        Assert.Equal(repo.User, (string)reply["author"]!);
        if (provider == "azure-devops")
        {
            Assert.Equal(thread, (long)reply["threadId"]!); // answered inside the comment's own thread
        }

        Assert.StartsWith($"reply.posted|api key '{tenant.KeyName}'|", Assert.Single(await Actions.AuditAsync(tenant.TenantId)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Commit_status_is_set_once_under_a_retried_idempotency_key(string provider)
    {
        var tenant = await Actions.TenantAsync("status-" + provider);
        var repo = await Actions.RepositoryAsync(tenant, provider, "statuses");
        string sha = await Actions.PushAsync(repo);
        var body = new { sha, state = "success", context = "ci/analysis", description = "2 findings", targetUrl = "https://ci.example/runs/7" };
        string key = Guid.NewGuid().ToString();

        var created = await ExpectAsync(await StatusAsync(tenant, repo.RepositoryId, body, key), 201);
        using var retry = await StatusAsync(tenant, repo.RepositoryId, body, key);
        Assert.Equal(created.ToJsonString(), (await ExpectAsync(retry, 201)).ToJsonString());

        Assert.Equal("success", (string)created["state"]!);
        Assert.Equal("ci/analysis", (string)created["context"]!);
        var status = Assert.Single(await Actions.StatusesAsync(repo));
        Assert.Equal(sha, (string)status!["sha"]!);
        Assert.Equal("success", (string)status["state"]!);
        Assert.Equal(repo.User, (string)status["creator"]!);
        Assert.StartsWith($"status.set|api key '{tenant.KeyName}'|{repo.HubPath}|status success", Assert.Single(await Actions.AuditAsync(tenant.TenantId)));
    }

    [Fact]
    public async Task Reply_to_a_push_goes_to_its_commit_by_the_default_policy()
    {
        var tenant = await Actions.TenantAsync("reply-push");
        var repo = await Actions.RepositoryAsync(tenant, "github", "reply-push");
        await SimEvents.HookAsync(repo);
        var (eventId, sha) = await SimEvents.PushAsync(World, repo);

        var created = await ExpectAsync(await ReplyAsync(tenant, eventId, new { body = "Pipeline started." }), 201);

        Assert.Equal("commit", (string)created["target"]!);
        Assert.Equal(sha, (string)created["sha"]!);
        Assert.Equal(sha, (string)Assert.Single(await Actions.CommentsAsync(repo))!["sha"]!);
    }

    [Fact]
    public async Task Reply_to_a_push_where_the_provider_has_no_commit_comments_is_422_naming_what_the_event_has()
    {
        var tenant = await Actions.TenantAsync("reply-push-azure");
        var repo = await Actions.RepositoryAsync(tenant, "azure-devops", "reply-push");
        await SimEvents.HookAsync(repo);
        var (eventId, sha) = await SimEvents.PushAsync(World, repo);

        var problem = await ExpectAsync(await ReplyAsync(tenant, eventId, new { body = "Pipeline started." }), 422);

        Assert.Contains($"commit {sha}", (string)problem["detail"]!);
        Assert.Empty(await Actions.CommentsAsync(repo));
    }
}
