using IntegrationHub.Tests.World;
using static IntegrationHub.Tests.Actions.ActionsCalls;

namespace IntegrationHub.Tests.Actions;

/// <summary>Provider refusals and unusable connections as plain ProblemDetails; bad input as 400 with errors.</summary>
public sealed class ActionErrorTests(ActionsFixture fixture) : IClassFixture<ActionsFixture>
{
    private HubWorld World => fixture.World;

    private ActionsSim Actions => fixture.Actions;

    [Fact]
    public async Task Read_only_token_is_403_naming_the_missing_permission()
    {
        var tenant = await Actions.TenantAsync("read-only");
        var repo = await Actions.RepositoryAsync(tenant, "gitlab", "read-only", scopes: ["read_api"]);
        var (number, _) = await Actions.PullRequestAsync(repo);

        var problem = await ExpectAsync(await CommentAsync(tenant, repo.RepositoryId, new { target = "pull_request", number, body = "hi" }, "ro-1"), 403);

        Assert.Contains("lacks the scope or permission", (string)problem["detail"]!);
        Assert.Empty(await Actions.CommentsAsync(repo));
        Assert.Empty(await Actions.AuditAsync(tenant.TenantId));
    }

    [Fact]
    public async Task Unknown_pull_request_is_404()
    {
        var tenant = await Actions.TenantAsync("unknown-pr");
        var repo = await Actions.RepositoryAsync(tenant, "github", "unknown-pr");

        var problem = await ExpectAsync(await CommentAsync(tenant, repo.RepositoryId, new { target = "pull_request", number = 4242, body = "hi" }), 404);

        Assert.Contains("pull request 4242 is not at the provider", (string)problem["detail"]!);
    }

    [Fact]
    public async Task Provider_rate_limit_is_429_with_retry_after_and_the_same_key_works_once_it_lifts()
    {
        var tenant = await Actions.TenantAsync("limited");
        var repo = await Actions.RepositoryAsync(tenant, "bitbucket-cloud", "limited");
        var (number, _) = await Actions.PullRequestAsync(repo);
        var body = new { target = "pull_request", number, body = "after the limit" };
        await World.FaultAsync("bitbucket-cloud", new { rateLimit = "primary", retryAfterSeconds = 120 });
        try
        {
            using var limited = await CommentAsync(tenant, repo.RepositoryId, body, "limited-1");
            await ExpectAsync(limited, 429);
            int seconds = int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(seconds, 1, 121);
        }
        finally
        {
            await World.FaultAsync("bitbucket-cloud", null);
        }

        await ExpectAsync(await CommentAsync(tenant, repo.RepositoryId, body, "limited-1"), 201);
        Assert.Single(await Actions.CommentsAsync(repo));
    }

    [Fact]
    public async Task Webhook_only_connection_is_409_saying_it_has_no_token()
    {
        var tenant = await Actions.TenantAsync("webhook-only");
        var repo = await Actions.RepositoryAsync(tenant, "bitbucket-dc", "webhook-only", withToken: false);
        string sha = await Actions.PushAsync(repo);

        var problem = await ExpectAsync(await StatusAsync(tenant, repo.RepositoryId, new { sha, state = "pending", context = "ci/x" }), 409);

        Assert.Contains("webhook only", (string)problem["detail"]!);
        Assert.Empty(await Actions.StatusesAsync(repo));
    }

    [Theory]
    [InlineData("disconnected", "disconnected")]
    [InlineData("revoked", "revoked")]
    [InlineData("needs_reauthorization", "reauthorization")]
    public async Task Connection_that_cannot_write_is_409(string status, string says)
    {
        var tenant = await Actions.TenantAsync("conn-" + status);
        var repo = await Actions.RepositoryAsync(tenant, "github", "conn-" + status);
        var (number, _) = await Actions.PullRequestAsync(repo);
        await World.ExecAsync("UPDATE connections SET status = $2 WHERE id = $1", repo.ConnectionId, status);

        var problem = await ExpectAsync(await CommentAsync(tenant, repo.RepositoryId, new { target = "pull_request", number, body = "x" }), 409);

        Assert.Contains(says, (string)problem["detail"]!);
        Assert.Empty(await Actions.CommentsAsync(repo));
    }

    [Fact]
    public async Task Bad_input_is_400_with_errors_per_field()
    {
        var tenant = await Actions.TenantAsync("bad-input");
        var repo = await Actions.RepositoryAsync(tenant, "github", "bad-input");

        var comment = await ExpectAsync(await CommentAsync(tenant, repo.RepositoryId, new { target = "wiki", body = "" }), 400);
        var status = await ExpectAsync(await StatusAsync(tenant, repo.RepositoryId, new { sha = "xyz", state = "green", context = "" }), 400);

        Assert.NotNull(comment["errors"]!["target"]);
        Assert.NotNull(comment["errors"]!["body"]);
        Assert.NotNull(status["errors"]!["sha"]);
        Assert.NotNull(status["errors"]!["state"]);
        Assert.NotNull(status["errors"]!["context"]);
    }

    [Fact]
    public async Task Reply_policy_with_an_unknown_word_is_400_and_one_the_event_cannot_meet_is_422()
    {
        var tenant = await Actions.TenantAsync("policy");
        var repo = await Actions.RepositoryAsync(tenant, "github", "policy");
        await SimEvents.HookAsync(repo);
        var (number, _) = await Actions.PullRequestAsync(repo);
        var (eventId, _) = await SimEvents.PullRequestCommentAsync(World, repo, number, "@hub-bot hi");

        var unknown = await ExpectAsync(await ReplyAsync(tenant, eventId, new { body = "x", policy = new[] { "wiki" } }), 400);
        var unmet = await ExpectAsync(await ReplyAsync(tenant, eventId, new { body = "x", policy = new[] { "issue" } }), 422);

        Assert.NotNull(unknown["errors"]!["policy"]);
        Assert.Contains("pull request " + number, (string)unmet["detail"]!); // names what the event has
        Assert.Single(await Actions.CommentsAsync(repo)); // the person's comment only
    }

    [Fact]
    public async Task Key_without_actions_scope_is_refused()
    {
        var tenant = await Actions.TenantAsync("reader", "events:read");
        var repo = await Actions.RepositoryAsync(tenant, "github", "reader");
        var (number, _) = await Actions.PullRequestAsync(repo);

        using var response = await CommentAsync(tenant, repo.RepositoryId, new { target = "pull_request", number, body = "x" });

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await Actions.CommentsAsync(repo));
    }

    [Fact]
    public async Task Provider_server_error_is_502_and_the_same_key_may_be_retried()
    {
        var tenant = await Actions.TenantAsync("server-error");
        var repo = await Actions.RepositoryAsync(tenant, "azure-devops", "server-error");
        string sha = await Actions.PushAsync(repo);
        var body = new { sha, state = "error", context = "ci/flaky" };
        await World.FaultAsync("azure-devops", new { serverErrors = 1.0 });
        try
        {
            await ExpectAsync(await StatusAsync(tenant, repo.RepositoryId, body, "flaky-1"), 502);
        }
        finally
        {
            await World.FaultAsync("azure-devops", null);
        }

        await ExpectAsync(await StatusAsync(tenant, repo.RepositoryId, body, "flaky-1"), 201);
        Assert.Single(await Actions.StatusesAsync(repo));
    }
}
