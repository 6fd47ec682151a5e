using System.Net;
using IntegrationHub.Local;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntegrationHub.Tests.Ingest;

/// <summary>
/// Stored before acknowledged, under group commit: PostgreSQL is killed (immediate stop, as in a crash) while batches of
/// deliveries are being committed, and after it comes back every delivery that was answered 202 is there. The test's own
/// durable cluster (fsync and synchronous commit on, unlike the suite's throwaway one), so a crash loses what a crash loses.
/// </summary>
public sealed class CrashMidBatchTests
{
    [Fact]
    public async Task Every_delivery_acknowledged_before_PostgreSQL_is_killed_mid_batch_is_stored_after_it_restarts()
    {
        string dir = Path.Combine(Path.GetTempPath(), "ihub-crash-" + Guid.NewGuid().ToString("n")[..8]);
        int port = EmbeddedPostgres.FreePort();
        var pg = await EmbeddedPostgres.StartAsync(dir, port, throwaway: false, CancellationToken.None);
        try
        {
            string cs = new NpgsqlConnectionStringBuilder(pg.ConnectionString()) { Timeout = 5 }.ConnectionString;
            TestHook hook;
            var acknowledged = new List<string>();
            int refused = 0;
            await using (var hub = new HubFactory(cs))
            {
                var client = hub.CreateClient();
                await using (var db = NpgsqlDataSource.Create(cs))
                {
                    var tenant = Guid.NewGuid();
                    await using (var cmd = db.CreateCommand("INSERT INTO tenants (id, name, slug, created_at) VALUES ($1, 'Crash', 'crash', now())"))
                    {
                        cmd.Parameters.Add(new() { Value = tenant });
                        await cmd.ExecuteNonQueryAsync();
                    }

                    hook = await SignedHooks.AddAsync(db, hub.Services.GetRequiredService<ISecretProtector>(), tenant, "github", SignedDeliveries.NewSecret(Scheme.GitHub));
                }

                // 32 senders post new deliveries without pause; the server is killed once a few hundred are acknowledged,
                // with batches in flight, and the senders stop at their first refusal.
                var killed = new TaskCompletionSource();
                var senders = Enumerable.Range(0, 32).Select(async _ =>
                {
                    while (true)
                    {
                        string id = Guid.NewGuid().ToString();
                        var answer = await client.SendAsync(SignedDeliveries.Create(Scheme.GitHub, hook, IngestFixtures.Bytes("github/push.new-branch.json"), "push", id));
                        if (answer.StatusCode != HttpStatusCode.Accepted)
                        {
                            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
                            Interlocked.Increment(ref refused);
                            return;
                        }

                        lock (acknowledged)
                        {
                            acknowledged.Add(id);
                            if (acknowledged.Count == 300)
                            {
                                killed.TrySetResult();
                            }
                        }
                    }
                }).ToArray();
                await killed.Task.WaitAsync(TimeSpan.FromMinutes(2));
                await pg.CrashAsync();
                await Task.WhenAll(senders).WaitAsync(TimeSpan.FromMinutes(2));
            }

            NpgsqlConnection.ClearAllPools();
            pg = await EmbeddedPostgres.StartAsync(dir, port, throwaway: false, CancellationToken.None);
            await using var after = NpgsqlDataSource.Create(cs);
            await using var read = after.CreateCommand("SELECT delivery_id FROM deliveries WHERE hook_id = $1");
            read.Parameters.Add(new() { Value = hook.Id });
            var stored = new HashSet<string>();
            await using (var r = await read.ExecuteReaderAsync())
            {
                while (await r.ReadAsync())
                {
                    stored.Add(r.GetString(0));
                }
            }

            Assert.Equal(32, refused); // every sender met the crash: it came while requests were in flight
            Assert.True(acknowledged.Count >= 300);
            var lost = acknowledged.Where(id => !stored.Contains(id)).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged deliveries were not stored");
        }
        finally
        {
            await pg.StopAsync();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
