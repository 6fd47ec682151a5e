using System.Net;
using System.Text;

namespace IntegrationHub.Tests.Ingest;

/// <summary>Processing off the request path: leases, retries with backoff, poison deliveries, duplicates.</summary>
public sealed class DeliveryProcessingTests(IngestHubFixture fx) : IClassFixture<IngestHubFixture>
{
    private IngestWorld World => fx.World;

    [Fact]
    public async Task Concurrent_identical_deliveries_store_one_row_and_its_events_once()
    {
        var hook = await HookAsync("github", externalId: "186853002");
        byte[] body = IngestFixtures.Bytes("github/push.new-branch.json");
        string deliveryId = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            fx.Hub.CreateClient().SendAsync(SignedDeliveries.Create(Scheme.GitHub, hook, body, "push", deliveryId))));
        await Processing.Start(World.Db).RunAsync();

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, r.StatusCode.ToString()));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.Equal(1, await World.CountAsync("SELECT count(*) FROM deliveries WHERE hook_id = $1", hook.Id));
        Assert.Equal(19, await World.CountAsync("SELECT duplicate_count FROM hooks WHERE id = $1", hook.Id));
        Assert.Equal(1, await World.CountAsync("SELECT accepted_count FROM hooks WHERE id = $1", hook.Id));
        // The new-branch push yields two events: BranchCreated and Push.
        Assert.Equal(2, await World.CountAsync("SELECT count(*) FROM events WHERE repository_id = $1", hook.RepositoryId));
    }

    [Fact]
    public async Task A_delivery_whose_worker_died_is_reclaimed_after_its_lease_and_processed_once()
    {
        var hook = await HookAsync("github", externalId: "186853002");
        await PostAsync(Scheme.GitHub, hook, "github/push.new-branch.json", "push");
        var processing = Processing.Start(World.Db);

        // Worker A claims the delivery, locks it in its transaction, and dies before committing.
        var claimedByA = Assert.Single(await processing.Claims.ClaimAsync(10, CancellationToken.None));
        await using (var dying = await World.Db.OpenConnectionAsync())
        {
            await using var tx = await dying.BeginTransactionAsync();
            await using var lockIt = new Npgsql.NpgsqlCommand("SELECT body FROM deliveries WHERE id = $1 FOR UPDATE", dying, tx);
            lockIt.Parameters.Add(new Npgsql.NpgsqlParameter { Value = claimedByA.Id });
            await lockIt.ExecuteScalarAsync();
        }

        // While A's lease lasts nobody else takes it; once it has run out, worker B does.
        int duringLease = await processing.RunAsync();
        processing.Clock.Advance(TimeSpan.FromSeconds(61));
        int afterLease = await processing.RunAsync();
        // A comes back to life and tries to finish: its claim is stale, so it changes nothing.
        await processing.Processor.ProcessAsync(claimedByA, CancellationToken.None);

        Assert.Equal(0, duringLease);
        Assert.Equal(1, afterLease);
        Assert.Equal("processed", await World.ScalarAsync("SELECT status FROM deliveries WHERE id = $1", claimedByA.Id));
        Assert.Equal(2, await World.CountAsync("SELECT attempts FROM deliveries WHERE id = $1", claimedByA.Id));
        // The new-branch push yields two events: BranchCreated and Push.
        Assert.Equal(2, await World.CountAsync("SELECT count(*) FROM events WHERE repository_id = $1", hook.RepositoryId));
        Assert.Equal(claimedByA.Id, await World.CountAsync("SELECT max(delivery_id) FROM events WHERE repository_id = $1", hook.RepositoryId));
    }

    [Fact]
    public async Task A_poison_delivery_ends_failed_with_its_reason_and_does_not_block_the_others()
    {
        var gitlab = await HookAsync("gitlab");
        var github = await HookAsync("github");
        byte[] garbage = Encoding.UTF8.GetBytes("this is not json");
        var poison = await fx.Hub.CreateClient().SendAsync(SignedDeliveries.Create(Scheme.GitLabToken, gitlab, garbage, "Push Hook", Guid.NewGuid().ToString()));
        await PostAsync(Scheme.GitHub, github, "github/push.new-branch.json", "push");

        await Processing.Start(World.Db).RunAsync();

        // GitLab disables hooks that fail 4 times: a verified delivery we cannot read is acknowledged, and fails here instead.
        Assert.Equal(HttpStatusCode.Accepted, poison.StatusCode);
        Assert.Equal("failed", await World.ScalarAsync("SELECT status FROM deliveries WHERE hook_id = $1", gitlab.Id));
        Assert.Contains("not valid JSON", await World.ScalarAsync("SELECT last_error FROM deliveries WHERE hook_id = $1", gitlab.Id));
        Assert.Equal(1, await World.CountAsync("SELECT attempts FROM deliveries WHERE hook_id = $1", gitlab.Id));
        Assert.Equal("processed", await World.ScalarAsync("SELECT status FROM deliveries WHERE hook_id = $1", github.Id));
    }

    [Fact]
    public async Task A_delivery_that_cannot_be_placed_yet_is_retried_with_backoff_until_it_can()
    {
        var hook = await HookAsync("github", attachRepository: false);
        await PostAsync(Scheme.GitHub, hook, "github/push.new-branch.json", "push");
        var processing = Processing.Start(World.Db);

        await processing.RunAsync();
        string? waiting = await World.ScalarAsync("SELECT status || ': ' || last_error FROM deliveries WHERE hook_id = $1", hook.Id);
        processing.Clock.Advance(TimeSpan.FromSeconds(3));
        int beforeBackoff = await processing.RunAsync();
        // Discovery finds the repository; the next attempt, after the 5 s backoff, places the events.
        await World.ExecAsync("UPDATE repositories SET external_id = '186853002' WHERE id = $1", hook.RepositoryId);
        processing.Clock.Advance(TimeSpan.FromSeconds(3));
        int afterBackoff = await processing.RunAsync();

        Assert.Equal("pending: repository Codertocat/Hello-World (186853002) is not known to the hub yet", waiting);
        Assert.Equal(0, beforeBackoff);
        Assert.Equal(1, afterBackoff);
        Assert.Equal("processed", await World.ScalarAsync("SELECT status FROM deliveries WHERE hook_id = $1", hook.Id));
        // The new-branch push yields two events: BranchCreated and Push.
        Assert.Equal(2, await World.CountAsync("SELECT count(*) FROM events WHERE repository_id = $1", hook.RepositoryId));
    }

    [Fact]
    public async Task A_delivery_that_keeps_failing_ends_failed_after_its_attempts()
    {
        var hook = await HookAsync("github", attachRepository: false);
        await PostAsync(Scheme.GitHub, hook, "github/push.new-branch.json", "push");
        var processing = Processing.Start(World.Db);

        for (int i = 0; i < 3; i++)
        {
            await processing.RunAsync();
            processing.Clock.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.Equal(0, await processing.RunAsync());
        Assert.Equal("failed", await World.ScalarAsync("SELECT status FROM deliveries WHERE hook_id = $1", hook.Id));
        Assert.Equal(3, await World.CountAsync("SELECT attempts FROM deliveries WHERE hook_id = $1", hook.Id));
    }

    [Fact]
    public async Task A_ping_is_acknowledged_and_marked_on_the_hook()
    {
        var hook = await HookAsync("github");

        var response = await PostAsync(Scheme.GitHub, hook, "github/ping.json", "ping");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, await World.CountAsync("SELECT count(*) FROM hooks WHERE id = $1 AND last_ping_at IS NOT NULL", hook.Id));
        Assert.Equal("ignored", await World.ScalarAsync("SELECT status FROM deliveries WHERE hook_id = $1 AND is_ping", hook.Id));
    }

    [Fact]
    public async Task Stored_headers_keep_the_delivery_headers_and_never_credentials()
    {
        var gitlab = await HookAsync("gitlab");
        var azure = await HookAsync("azure-devops");

        await PostAsync(Scheme.GitLabToken, gitlab, "gitlab/push_hook.json", "Push Hook");
        await PostAsync(Scheme.AzureDevOps, azure, "azure-devops/git.push.json", "git.push");

        string gitlabHeaders = (await World.ScalarAsync("SELECT headers::text FROM deliveries WHERE hook_id = $1", gitlab.Id))!;
        string azureHeaders = (await World.ScalarAsync("SELECT headers::text FROM deliveries WHERE hook_id = $1", azure.Id))!;
        Assert.Contains("Push Hook", gitlabHeaders);
        Assert.DoesNotContain(gitlab.Secret, gitlabHeaders);
        Assert.DoesNotContain("X-Gitlab-Token", gitlabHeaders, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Authorization", azureHeaders, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_oversized_body_is_rejected_while_reading_and_not_stored()
    {
        var hook = await HookAsync("azure-devops");
        byte[] big = Encoding.UTF8.GetBytes("{\"pad\":\"" + new string('x', 2 * 1024 * 1024) + "\"}");

        var response = await fx.Hub.CreateClient().SendAsync(SignedDeliveries.Create(Scheme.AzureDevOps, hook, big, "git.push", Guid.NewGuid().ToString()));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await World.CountAsync("SELECT count(*) FROM deliveries WHERE hook_id = $1", hook.Id));
        Assert.Equal(1, await World.CountAsync("SELECT count FROM delivery_rejections WHERE hook_id = $1 AND reason = 'oversized'", hook.Id));
    }

    [Fact]
    public async Task A_verified_github_delivery_that_is_not_json_is_rejected_as_malformed()
    {
        var hook = await HookAsync("github");

        var response = await fx.Hub.CreateClient().SendAsync(
            SignedDeliveries.Create(Scheme.GitHub, hook, Encoding.UTF8.GetBytes("payload=%7B%7D"), "push", Guid.NewGuid().ToString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await World.CountAsync("SELECT count(*) FROM deliveries WHERE hook_id = $1", hook.Id));
        Assert.Equal(1, await World.CountAsync("SELECT count FROM delivery_rejections WHERE hook_id = $1 AND reason = 'malformed_body'", hook.Id));
    }

    private async Task<TestHook> HookAsync(string provider, string? externalId = null, bool attachRepository = true)
    {
        var tenant = await World.TenantAsync("Processing " + Guid.NewGuid().ToString("n")[..6]);
        var scheme = provider switch { "gitlab" => Scheme.GitLabToken, "azure-devops" => Scheme.AzureDevOps, _ => Scheme.GitHub };
        return await World.HookAsync(tenant, provider, SignedDeliveries.NewSecret(scheme), externalId: externalId, attachRepository: attachRepository);
    }

    private Task<HttpResponseMessage> PostAsync(Scheme scheme, TestHook hook, string fixture, string eventName) =>
        fx.Hub.CreateClient().SendAsync(SignedDeliveries.Create(scheme, hook, IngestFixtures.Bytes(fixture), eventName, Guid.NewGuid().ToString()));
}
