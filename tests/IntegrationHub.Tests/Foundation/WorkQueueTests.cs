using IntegrationHub.Jobs;
using IntegrationHub.Tests.Connect;
using IntegrationHub.Tests.Infrastructure;
using Npgsql;

namespace IntegrationHub.Tests.Foundation;

/// <summary>The work queue's leases: an outcome counts only from the claim that still holds the item.</summary>
public sealed class WorkQueueTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_node_whose_lease_ran_out_cannot_overwrite_the_claim_of_the_node_that_took_the_item_over()
    {
        await using var db = await DatabaseAsync();
        var clock = new ManualClock();
        var queue = new WorkQueue(db, clock);
        await queue.EnqueueAsync(await TenantAsync(db), null, "test_work", Guid.NewGuid(), ct: CancellationToken.None);
        var a = Assert.Single(await queue.ClaimAsync(["test_work"], 10, Lease, "node-a", CancellationToken.None));

        clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var b = Assert.Single(await queue.ClaimAsync(["test_work"], 10, Lease, "node-b", CancellationToken.None));
        Assert.Equal(a.Id, b.Id);

        // Node A, slow, finishes after all: every outcome of its claim is a no-op.
        Assert.False((await queue.BeginAsync(a, Lease, CancellationToken.None)).Held);
        Assert.False(await queue.RenewAsync(a, Lease, CancellationToken.None));
        Assert.False(await queue.CompleteAsync(a, CancellationToken.None));
        Assert.False(await queue.FailAsync(a, "stale failure", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.False(await queue.FailAsync(a, "stale failure", null, CancellationToken.None));
        Assert.False(await queue.PostponeAsync(a, clock.GetUtcNow().AddHours(1), CancellationToken.None));
        Assert.Equal("running|node-b|2|", await RowAsync(db, b.Id));

        Assert.True(await queue.CompleteAsync(b, CancellationToken.None));
        Assert.Equal("done|node-b|2|", await RowAsync(db, b.Id));
    }

    [Fact]
    public async Task A_claim_the_same_node_lost_and_took_again_is_told_apart_by_its_attempt()
    {
        await using var db = await DatabaseAsync();
        var clock = new ManualClock();
        var queue = new WorkQueue(db, clock);
        await queue.EnqueueAsync(await TenantAsync(db), null, "test_work", Guid.NewGuid(), ct: CancellationToken.None);
        var first = Assert.Single(await queue.ClaimAsync(["test_work"], 10, Lease, "node-a", CancellationToken.None));
        clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var second = Assert.Single(await queue.ClaimAsync(["test_work"], 10, Lease, "node-a", CancellationToken.None));

        Assert.False(await queue.FailAsync(first, "stale", null, CancellationToken.None));
        Assert.True((await queue.BeginAsync(second, Lease, CancellationToken.None)).Held);
        Assert.True(await queue.PostponeAsync(second, clock.GetUtcNow().AddSeconds(5), CancellationToken.None));
        Assert.Equal("pending|node-a|1|", await RowAsync(db, second.Id));
    }

    [Fact]
    public async Task Work_of_a_connection_paused_by_a_rate_limit_is_not_claimed_until_the_pause_ends()
    {
        await using var db = await DatabaseAsync();
        var clock = new ManualClock();
        var queue = new WorkQueue(db, clock);
        var tenant = await TenantAsync(db);
        var (paused, free) = (Guid.NewGuid(), Guid.NewGuid());
        foreach (var id in new[] { paused, free })
        {
            await ExecAsync(db, """
                INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind, created_at, updated_at)
                VALUES ($1, $2, 'github', 'https://github.example.test', 'c', $3, 'x', 'active', 'pat', now(), now())
                """, id, tenant, id.ToString("N"));
            await queue.EnqueueAsync(tenant, id, "test_work", Guid.NewGuid(), ct: CancellationToken.None);
        }

        await ExecAsync(db, "UPDATE connections SET rate_limited_until = $2 WHERE id = $1", paused, clock.GetUtcNow().AddMinutes(2));

        var claimed = Assert.Single(await queue.ClaimAsync(["test_work"], 10, Lease, "node-a", CancellationToken.None));
        Assert.Equal(free, claimed.ConnectionId);
        Assert.True(await queue.CompleteAsync(claimed, CancellationToken.None));
        Assert.Empty(await queue.ClaimAsync(["test_work"], 10, Lease, "node-a", CancellationToken.None));

        clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        Assert.Equal(paused, Assert.Single(await queue.ClaimAsync(["test_work"], 10, Lease, "node-a", CancellationToken.None)).ConnectionId);
    }

    [Fact]
    public async Task Beginning_an_item_renews_its_lease_and_tells_whether_its_connection_is_paused()
    {
        await using var db = await DatabaseAsync();
        var clock = new ManualClock();
        var queue = new WorkQueue(db, clock);
        var tenant = await TenantAsync(db);
        var connection = Guid.NewGuid();
        await ExecAsync(db, """
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind, created_at, updated_at)
            VALUES ($1, $2, 'github', 'https://github.example.test', 'c', '1', 'x', 'active', 'pat', now(), now())
            """, connection, tenant);
        await queue.EnqueueAsync(tenant, connection, "test_work", Guid.NewGuid(), ct: CancellationToken.None);
        var item = Assert.Single(await queue.ClaimAsync(["test_work"], 10, Lease, "node-a", CancellationToken.None));

        // Waiting its turn in a batch almost as long as the lease, then paused by another item's rate limit.
        clock.Advance(Lease - TimeSpan.FromSeconds(1));
        var until = clock.GetUtcNow().AddMinutes(1);
        await ExecAsync(db, "UPDATE connections SET rate_limited_until = $2 WHERE id = $1", connection, until);
        var start = await queue.BeginAsync(item, Lease, CancellationToken.None);

        Assert.True(start.Held);
        Assert.InRange(start.ConnectionPausedUntil!.Value, until.AddMilliseconds(-1), until.AddMilliseconds(1)); // stored in microseconds
        clock.Advance(TimeSpan.FromSeconds(2)); // past the first lease, within the renewed one
        Assert.Empty(await queue.ClaimAsync(["test_work"], 10, Lease, "node-b", CancellationToken.None));
    }

    private static async Task<NpgsqlDataSource> DatabaseAsync() => NpgsqlDataSource.Create(await TestPostgres.CreateDatabaseAsync());

    private static async Task<Guid> TenantAsync(NpgsqlDataSource db)
    {
        var id = Guid.NewGuid();
        await ExecAsync(db, "INSERT INTO tenants (id, name, slug, created_at) VALUES ($1, 'Queue', $2, now())", id, "q-" + id.ToString("N")[..8]);
        return id;
    }

    private static async Task<string> RowAsync(NpgsqlDataSource db, long id)
    {
        await using var cmd = db.CreateCommand("SELECT status || '|' || coalesce(leased_by, '') || '|' || attempts || '|' || coalesce(last_error, '') FROM work_items WHERE id = $1");
        cmd.Parameters.Add(new() { Value = id });
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task ExecAsync(NpgsqlDataSource db, string sql, params object[] args)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (object a in args)
        {
            cmd.Parameters.Add(new() { Value = a });
        }

        await cmd.ExecuteNonQueryAsync();
    }
}
