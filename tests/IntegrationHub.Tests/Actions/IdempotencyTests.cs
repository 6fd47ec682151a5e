using System.Net;
using System.Text.Json;
using IntegrationHub.Actions;
using IntegrationHub.Tests.World;
using static IntegrationHub.Tests.Actions.ActionsCalls;

namespace IntegrationHub.Tests.Actions;

/// <summary>Idempotency-Key: replays, a reused key on another request, a key still running or abandoned, expiry.</summary>
public sealed class IdempotencyTests(ActionsFixture fixture) : IClassFixture<ActionsFixture>
{
    private HubWorld World => fixture.World;

    private ActionsSim Actions => fixture.Actions;

    [Fact]
    public async Task Same_key_with_a_different_body_is_422_and_posts_nothing_more()
    {
        var tenant = await Actions.TenantAsync("mismatch");
        var repo = await Actions.RepositoryAsync(tenant, "github", "mismatch");
        var (number, _) = await Actions.PullRequestAsync(repo);
        string key = Guid.NewGuid().ToString();
        await ExpectAsync(await CommentAsync(tenant, repo.RepositoryId, new { target = "pull_request", number, body = "first" }, key), 201);

        var problem = await ExpectAsync(await CommentAsync(tenant, repo.RepositoryId, new { target = "pull_request", number, body = "second" }, key), 422);

        Assert.Contains("different request", (string)problem["detail"]!);
        Assert.Equal("first", (string)Assert.Single(await Actions.CommentsAsync(repo))!["body"]!);
    }

    [Fact]
    public async Task Same_key_of_another_tenant_is_a_different_key()
    {
        var a = await Actions.TenantAsync("key-a");
        var b = await Actions.TenantAsync("key-b");
        var repoA = await Actions.RepositoryAsync(a, "github", "keys-a");
        var repoB = await Actions.RepositoryAsync(b, "github", "keys-b");
        var (na, _) = await Actions.PullRequestAsync(repoA);
        var (nb, _) = await Actions.PullRequestAsync(repoB);
        const string key = "shared-key-1";

        await ExpectAsync(await CommentAsync(a, repoA.RepositoryId, new { target = "pull_request", number = na, body = "a" }, key), 201);
        using var second = await CommentAsync(b, repoB.RepositoryId, new { target = "pull_request", number = nb, body = "b" }, key);

        await ExpectAsync(second, 201);
        Assert.False(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Single(await Actions.CommentsAsync(repoB));
    }

    [Fact]
    public async Task Key_in_progress_is_409_with_retry_after_and_an_abandoned_one_says_the_outcome_is_unknown()
    {
        var tenant = await Actions.TenantAsync("in-progress");
        var repo = await Actions.RepositoryAsync(tenant, "github", "in-progress");
        var (number, _) = await Actions.PullRequestAsync(repo);
        var request = new CommentRequest("pull_request", number, null, null, "hello");
        string path = $"/api/v1/repositories/{repo.RepositoryId}/comments";
        byte[] hash = IdempotencyKeys.Hash("POST", path, JsonSerializer.SerializeToUtf8Bytes(request, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        // As a request of another node that is still talking to the provider, and one whose node died doing so.
        await World.ExecAsync("INSERT INTO action_requests (tenant_id, idempotency_key, request_hash, status, created_at) VALUES ($1, 'running', $2, 'in_progress', now())", tenant.TenantId, hash);
        await World.ExecAsync("INSERT INTO action_requests (tenant_id, idempotency_key, request_hash, status, created_at) VALUES ($1, 'crashed', $2, 'in_progress', now() - interval '11 minutes')", tenant.TenantId, hash);

        using var running = await CommentAsync(tenant, repo.RepositoryId, request, "running");
        var busy = await ExpectAsync(running, 409);
        using var crashed = await CommentAsync(tenant, repo.RepositoryId, request, "crashed");
        var unknown = await ExpectAsync(crashed, 409);

        Assert.Contains("in progress", (string)busy["detail"]!);
        Assert.Equal("1", running.Headers.GetValues("Retry-After").Single());
        Assert.Contains("unknown", (string)unknown["detail"]!);
        Assert.Empty(await Actions.CommentsAsync(repo)); // neither was run a second time
    }

    [Fact]
    public async Task Expired_key_may_be_used_again()
    {
        var tenant = await Actions.TenantAsync("expired");
        var repo = await Actions.RepositoryAsync(tenant, "github", "expired");
        var (number, _) = await Actions.PullRequestAsync(repo);
        var body = new { target = "pull_request", number, body = "daily" };
        await ExpectAsync(await CommentAsync(tenant, repo.RepositoryId, body, "daily-report"), 201);
        await World.ExecAsync("UPDATE action_requests SET created_at = now() - interval '25 hours' WHERE tenant_id = $1", tenant.TenantId);

        using var again = await CommentAsync(tenant, repo.RepositoryId, body, "daily-report");

        await ExpectAsync(again, 201);
        Assert.False(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, (await Actions.CommentsAsync(repo)).Count);
    }

    [Fact]
    public async Task Without_a_key_each_request_posts()
    {
        var tenant = await Actions.TenantAsync("no-key");
        var repo = await Actions.RepositoryAsync(tenant, "github", "no-key");
        var (number, _) = await Actions.PullRequestAsync(repo);
        var body = new { target = "pull_request", number, body = "again" };

        await ExpectAsync(await CommentAsync(tenant, repo.RepositoryId, body), 201);
        await ExpectAsync(await CommentAsync(tenant, repo.RepositoryId, body), 201);

        Assert.Equal(2, (await Actions.CommentsAsync(repo)).Count);
        Assert.Equal(0L, long.Parse((await World.QueryAsync("SELECT count(*) FROM action_requests WHERE tenant_id = $1", tenant.TenantId)).Single()));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_post_once()
    {
        var tenant = await Actions.TenantAsync("concurrent");
        var repo = await Actions.RepositoryAsync(tenant, "bitbucket-dc", "concurrent");
        var (number, _) = await Actions.PullRequestAsync(repo);
        var body = new { target = "pull_request", number, body = "only once" };
        await World.FaultAsync("bitbucket-dc", new { latencyMs = 400 }); // keeps the first request at the provider while the others arrive
        try
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => CommentAsync(tenant, repo.RepositoryId, body, "burst")));

            Assert.All(responses, r => Assert.Contains((int)r.StatusCode, new[] { 201, 409 }));
            Assert.Contains(responses, r => (int)r.StatusCode == 201);
        }
        finally
        {
            await World.FaultAsync("bitbucket-dc", null);
        }

        using var after = await CommentAsync(tenant, repo.RepositoryId, body, "burst");
        await ExpectAsync(after, 201);
        Assert.Equal("true", after.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Single(await Actions.CommentsAsync(repo));
    }
}
