using System.Net;
using System.Text;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Ingest;

/// <summary>Processing off the request path: leases, retries with backoff, poison deliveries, duplicates.</summary>
public sealed class DeliveryProcessingTests(HubWorldFixture fx) : IClassFixture<HubWorldFixture>
{
    private HubWorld World => fx.World;

    [Fact]
    public async Task Concurrent_identical_deliveries_store_one_row_and_its_events_once()
    {
        var hook = await HookAsync("github", externalId: "186853002");
        byte[] body = IngestFixtures.Bytes("github/push.new-branch.json");
        string deliveryId = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            fx.World.Hub.CreateClient().SendAsync(SignedDeliveries.Create(Scheme.GitHub, hook, body, "push", deliveryId))));
        await InboxRun.Start(World).RunAsync();

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
        var processing = InboxRun.Start(World);

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
        Assert.Equal("processed", await World.TextAsync("SELECT status FROM deliveries WHERE id = $1", claimedByA.Id));
        Assert.Equal(2, await World.CountAsync("SELECT attempts FROM deliveries WHERE id = $1", claimedByA.Id));
        // The new-branch push yields two events: BranchCreated and Push.
        Assert.Equal(2, await World.CountAsync("SELECT count(*) FROM events WHERE repository_id = $1", hook.RepositoryId));
        Assert.Equal(claimedByA.Id, await World.CountAsync("SELECT max(delivery_id) FROM events WHERE repository_id = $1", hook.RepositoryId));
    }

    [Fact]
    public async Task A_poison_delivery_ends_failed_with_its_reason_and_does_not_block_the_others()
    {
        var gitlab = await HookAsync("gitlab");
        var github = await HookAsync("github", externalId: "186853002");
        byte[] garbage = Encoding.UTF8.GetBytes("this is not json");
        var poison = await fx.World.Hub.CreateClient().SendAsync(SignedDeliveries.Create(Scheme.GitLabToken, gitlab, garbage, "Push Hook", Guid.NewGuid().ToString()));
        await PostAsync(Scheme.GitHub, github, "github/push.new-branch.json", "push");

        await InboxRun.Start(World).RunAsync();

        // GitLab disables hooks that fail 4 times: a verified delivery we cannot read is acknowledged, and fails here instead.
        Assert.Equal(HttpStatusCode.Accepted, poison.StatusCode);
        Assert.Equal("failed", await World.TextAsync("SELECT status FROM deliveries WHERE hook_id = $1", gitlab.Id));
        Assert.Contains("not valid JSON", await World.TextAsync("SELECT last_error FROM deliveries WHERE hook_id = $1", gitlab.Id));
        Assert.Equal(1, await World.CountAsync("SELECT attempts FROM deliveries WHERE hook_id = $1", gitlab.Id));
        Assert.Equal("processed", await World.TextAsync("SELECT status FROM deliveries WHERE hook_id = $1", github.Id));
    }

    [Fact]
    public async Task A_delivery_that_cannot_be_placed_yet_is_retried_with_backoff_until_it_can()
    {
        var hook = await HookAsync("github", attachRepository: false);
        await PostAsync(Scheme.GitHub, hook, "github/push.new-branch.json", "push");
        var processing = InboxRun.Start(World);

        await processing.RunAsync();
        string? waiting = await World.TextAsync("SELECT status || ': ' || last_error FROM deliveries WHERE hook_id = $1", hook.Id);
        processing.Clock.Advance(TimeSpan.FromSeconds(3));
        int beforeBackoff = await processing.RunAsync();
        // Discovery finds the repository; the next attempt, after the 5 s backoff, places the events.
        await World.ExecAsync("UPDATE repositories SET external_id = '186853002' WHERE id = $1", hook.RepositoryId);
        processing.Clock.Advance(TimeSpan.FromSeconds(3));
        int afterBackoff = await processing.RunAsync();

        Assert.Equal("pending: repository Codertocat/Hello-World (186853002) is not known to the hub yet", waiting);
        Assert.Equal(0, beforeBackoff);
        Assert.Equal(1, afterBackoff);
        Assert.Equal("processed", await World.TextAsync("SELECT status FROM deliveries WHERE hook_id = $1", hook.Id));
        // The new-branch push yields two events: BranchCreated and Push.
        Assert.Equal(2, await World.CountAsync("SELECT count(*) FROM events WHERE repository_id = $1", hook.RepositoryId));
    }

    [Fact]
    public async Task A_delivery_that_keeps_failing_ends_failed_after_its_attempts()
    {
        var hook = await HookAsync("github", attachRepository: false);
        await PostAsync(Scheme.GitHub, hook, "github/push.new-branch.json", "push");
        var processing = InboxRun.Start(World);

        for (int i = 0; i < 3; i++)
        {
            await processing.RunAsync();
            processing.Clock.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.Equal(0, await processing.RunAsync());
        Assert.Equal("failed", await World.TextAsync("SELECT status FROM deliveries WHERE hook_id = $1", hook.Id));
        Assert.Equal(3, await World.CountAsync("SELECT attempts FROM deliveries WHERE hook_id = $1", hook.Id));
    }

    [Fact]
    public async Task A_delivery_that_kills_its_worker_every_time_ends_failed_after_its_attempts()
    {
        var hook = await HookAsync("github", externalId: "186853002");
        await PostAsync(Scheme.GitHub, hook, "github/push.new-branch.json", "push");
        long id = await World.CountAsync("SELECT id FROM deliveries WHERE hook_id = $1", hook.Id);
        var processing = InboxRun.Start(World);

        // Each claim's worker dies before it can record anything (FailAsync never runs); its lease then runs out.
        var claimed = new List<bool>();
        for (int i = 0; i < 4; i++)
        {
            claimed.Add((await processing.Claims.ClaimAsync(100, CancellationToken.None)).Any(c => c.Id == id));
            processing.Clock.Advance(TimeSpan.FromSeconds(61));
        }

        Assert.Equal([true, true, true, false], claimed);
        Assert.Equal("failed", await World.TextAsync("SELECT status FROM deliveries WHERE id = $1", id));
        Assert.Equal(3, await World.CountAsync("SELECT attempts FROM deliveries WHERE id = $1", id));
        Assert.Equal("worker lost while processing, attempt 3 of 3: not retried (redeliver to try once more)",
            await World.TextAsync("SELECT last_error FROM deliveries WHERE id = $1", id));
        Assert.Equal(1, await World.CountAsync("SELECT count(*) FROM deliveries WHERE id = $1 AND lease_until IS NULL AND processed_at IS NOT NULL", id));

        // Redeliver still gives it one more try.
        Assert.True(await processing.Claims.RedeliverAsync(id, hook.TenantId, CancellationToken.None));
        Assert.Equal(1, await processing.RunAsync());
        Assert.Equal("processed", await World.TextAsync("SELECT status FROM deliveries WHERE id = $1", id));
    }

    [Fact]
    public async Task An_event_for_another_repository_is_stored_and_failed_not_filed_under_the_hooks_repository()
    {
        // git.push.json is Microsoft's sample push to the Fabrikam repository 278d5cd2-…; this hook is on another one.
        var hook = await HookAsync("azure-devops", externalId: "0f0f0f0f-aaaa-bbbb-cccc-000000000001");

        var response = await PostAsync(Scheme.AzureDevOps, hook, "azure-devops/git.push.json", "git.push");
        await InboxRun.Start(World).RunAsync();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("failed", await World.TextAsync("SELECT status FROM deliveries WHERE hook_id = $1", hook.Id));
        Assert.Equal(1, await World.CountAsync("SELECT attempts FROM deliveries WHERE hook_id = $1", hook.Id));
        Assert.Equal("the event is for repository Fabrikam-Fiber-Git/Fabrikam-Fiber-Git (278d5cd2-584d-4b63-824a-2ba458937249), "
            + "not this hook's repository acme/widgets (0f0f0f0f-aaaa-bbbb-cccc-000000000001); not filed",
            await World.TextAsync("SELECT last_error FROM deliveries WHERE hook_id = $1", hook.Id));
        Assert.Equal(0, await World.CountAsync("SELECT count(*) FROM events WHERE repository_id = $1", hook.RepositoryId));
    }

    [Fact]
    public async Task An_Azure_DevOps_test_notification_is_acknowledged_as_a_ping_and_marked_on_the_hook()
    {
        var hook = await HookAsync("azure-devops");

        // Sent by the service hook dialog's Test button: all-zero subscription id, Microsoft's sample resource.
        var response = await PostAsync(Scheme.AzureDevOps, hook, "azure-devops/ms.vss-code.git-pullrequest-comment-event.drone-go-scm.json",
            "ms.vss-code.git-pullrequest-comment-event");
        await InboxRun.Start(World).RunAsync();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("pong\n", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await World.CountAsync("SELECT count(*) FROM hooks WHERE id = $1 AND last_ping_at IS NOT NULL", hook.Id));
        Assert.Equal("ignored", await World.TextAsync("SELECT status FROM deliveries WHERE hook_id = $1 AND is_ping", hook.Id));
        Assert.Equal(0, await World.CountAsync("SELECT count(*) FROM events WHERE repository_id = $1", hook.RepositoryId));
    }

    [Fact]
    public async Task A_ping_is_acknowledged_and_marked_on_the_hook()
    {
        var hook = await HookAsync("github");

        var response = await PostAsync(Scheme.GitHub, hook, "github/ping.json", "ping");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, await World.CountAsync("SELECT count(*) FROM hooks WHERE id = $1 AND last_ping_at IS NOT NULL", hook.Id));
        Assert.Equal("ignored", await World.TextAsync("SELECT status FROM deliveries WHERE hook_id = $1 AND is_ping", hook.Id));
    }

    [Fact]
    public async Task Stored_headers_keep_the_delivery_headers_and_never_credentials()
    {
        var gitlab = await HookAsync("gitlab");
        var azure = await HookAsync("azure-devops");

        await PostAsync(Scheme.GitLabToken, gitlab, "gitlab/push_hook.json", "Push Hook");
        await PostAsync(Scheme.AzureDevOps, azure, "azure-devops/git.push.json", "git.push");

        string gitlabHeaders = (await World.TextAsync("SELECT headers::text FROM deliveries WHERE hook_id = $1", gitlab.Id))!;
        string azureHeaders = (await World.TextAsync("SELECT headers::text FROM deliveries WHERE hook_id = $1", azure.Id))!;
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

        var response = await fx.World.Hub.CreateClient().SendAsync(SignedDeliveries.Create(Scheme.AzureDevOps, hook, big, "git.push", Guid.NewGuid().ToString()));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await World.CountAsync("SELECT count(*) FROM deliveries WHERE hook_id = $1", hook.Id));
        await World.FlushRejectionsAsync();
        Assert.Equal(1, await World.CountAsync("SELECT count FROM delivery_rejections WHERE hook_id = $1 AND reason = 'oversized'", hook.Id));
    }

    [Fact]
    public async Task A_verified_github_delivery_that_is_not_json_is_rejected_as_malformed()
    {
        var hook = await HookAsync("github");

        var response = await fx.World.Hub.CreateClient().SendAsync(
            SignedDeliveries.Create(Scheme.GitHub, hook, Encoding.UTF8.GetBytes("payload=%7B%7D"), "push", Guid.NewGuid().ToString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await World.CountAsync("SELECT count(*) FROM deliveries WHERE hook_id = $1", hook.Id));
        await World.FlushRejectionsAsync();
        Assert.Equal(1, await World.CountAsync("SELECT count FROM delivery_rejections WHERE hook_id = $1 AND reason = 'malformed_body'", hook.Id));
    }

    private async Task<TestHook> HookAsync(string provider, string? externalId = null, bool attachRepository = true)
    {
        var tenant = await World.TenantAsync("Processing " + Guid.NewGuid().ToString("n")[..6]);
        var scheme = provider switch { "gitlab" => Scheme.GitLabToken, "azure-devops" => Scheme.AzureDevOps, _ => Scheme.GitHub };
        return await World.SignedHookAsync(tenant, provider, SignedDeliveries.NewSecret(scheme), externalId: externalId, attachRepository: attachRepository);
    }

    private Task<HttpResponseMessage> PostAsync(Scheme scheme, TestHook hook, string fixture, string eventName) =>
        fx.World.Hub.CreateClient().SendAsync(SignedDeliveries.Create(scheme, hook, IngestFixtures.Bytes(fixture), eventName, Guid.NewGuid().ToString()));
}
