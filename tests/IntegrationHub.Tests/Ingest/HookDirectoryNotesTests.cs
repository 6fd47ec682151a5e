using System.Collections.Concurrent;
using IntegrationHub.Tests.World;
using IntegrationHub.WebhookIntake;
using Npgsql;

namespace IntegrationHub.Tests.Ingest;

/// <summary>
/// What migration 0033's triggers send on <see cref="HookDirectoryListener.Channel"/>, heard on a LISTEN of the test's own:
/// a note for each change the ingress could see, none for the hot paths' counter stamps, and a big statement folded into
/// its connection's note. Each test ends with a marker note of its own; notes arrive in commit order, so what came before
/// the marker is everything the statements sent.
/// </summary>
public sealed class HookDirectoryNotesTests
{
    [Fact]
    public async Task Counter_stamps_send_no_note_and_changes_the_ingress_reads_do()
    {
        await using var scene = await Scene.StartAsync();
        var (world, notes, hook) = scene;

        await world.ExecAsync("""
            UPDATE hooks SET accepted_count = accepted_count + 1, duplicate_count = duplicate_count + 1, rejected_count = rejected_count + 1,
                             recovered_by_poll_count = recovered_by_poll_count + 1, last_delivery_at = now(), last_ping_at = now(),
                             last_reconciled_at = now(), last_error = 'x', updated_at = now()
            WHERE id = $1
            """, hook.Id);
        await world.ExecAsync("UPDATE connections SET display_name = 'renamed', updated_at = now() WHERE id = $1", hook.ConnectionId);
        Assert.Empty(await notes.UntilMarkerAsync(world));

        await world.ExecAsync("UPDATE hooks SET secret_protected = 'rotated' WHERE id = $1", hook.Id);
        await world.ExecAsync("UPDATE hooks SET status = 'disabled' WHERE id = $1", hook.Id);
        await world.ExecAsync("UPDATE connections SET status = 'revoked' WHERE id = $1", hook.ConnectionId);
        await world.ExecAsync("DELETE FROM connections WHERE id = $1", hook.ConnectionId); // cascades to the hook
        var heard = await notes.UntilMarkerAsync(world);
        Assert.Equal(["h:" + hook.Id, "h:" + hook.Id, "c:" + hook.ConnectionId], heard.Take(3));
        // The delete's two notes (the connection's, and its hook's through the cascade) in whichever order the triggers ran.
        Assert.Equal(["c:" + hook.ConnectionId, "h:" + hook.Id], heard.Skip(3).Order());
    }

    [Fact]
    public async Task A_statement_changing_thousands_of_hooks_sends_its_connections_note_not_one_per_hook()
    {
        await using var scene = await Scene.StartAsync();
        var (world, notes, hook) = scene;
        await world.ExecAsync("""
            INSERT INTO hooks (id, tenant_id, connection_id, provider, url, secret_protected, status, created_at, updated_at)
            SELECT gen_random_uuid(), $1, $2, 'github', 'http://hub.test/hooks/github/' || i, 'p', 'registered', now(), now()
            FROM generate_series(1, 2000) i
            """, hook.TenantId, hook.ConnectionId);

        await world.ExecAsync("UPDATE hooks SET status = 'removing' WHERE connection_id = $1", hook.ConnectionId);

        var heard = await notes.UntilMarkerAsync(world);
        Assert.Equal(64, heard.Count(n => n.StartsWith("h:", StringComparison.Ordinal)));
        Assert.Equal(["c:" + hook.ConnectionId], heard.Where(n => n.StartsWith("c:", StringComparison.Ordinal)));
    }

    /// <summary>A world with the hub, a signed hook, and the test's own LISTEN.</summary>
    private sealed record Scene(HubWorld World, Notes Notes, TestHook Hook) : IAsyncDisposable
    {
        public static async Task<Scene> StartAsync()
        {
            var world = await HubWorld.StartAsync();
            var tenant = await world.TenantAsync("Notes");
            var hook = await world.SignedHookAsync(tenant, "github", SignedDeliveries.NewSecret(Scheme.GitHub));
            return new Scene(world, await Notes.ListenAsync(world.ConnectionString), hook);
        }

        public async ValueTask DisposeAsync()
        {
            await Notes.DisposeAsync();
            await World.DisposeAsync();
        }
    }

    /// <summary>A LISTEN connection of the test's own, collecting the channel's payloads.</summary>
    private sealed class Notes : IAsyncDisposable
    {
        private readonly NpgsqlConnection _connection;
        private readonly ConcurrentQueue<string> _heard = new();
        private readonly CancellationTokenSource _stop = new();
        private Task _loop = Task.CompletedTask;

        private Notes(NpgsqlConnection connection) => _connection = connection;

        public static async Task<Notes> ListenAsync(string connectionString)
        {
            var notes = new Notes(new NpgsqlConnection(connectionString));
            await notes._connection.OpenAsync();
            notes._connection.Notification += (_, e) => notes._heard.Enqueue(e.Payload);
            await using (var listen = new NpgsqlCommand($"LISTEN {HookDirectoryListener.Channel}", notes._connection))
            {
                await listen.ExecuteNonQueryAsync();
            }

            notes._loop = notes.WaitLoopAsync();
            return notes;
        }

        /// <summary>Sends a marker and returns every note heard before it (and forgets them).</summary>
        public async Task<List<string>> UntilMarkerAsync(HubWorld world)
        {
            string marker = "marker-" + Guid.NewGuid().ToString("n");
            await world.ExecAsync($"SELECT pg_notify('{HookDirectoryListener.Channel}', $1)", marker);
            var heard = new List<string>();
            Assert.True(await HubWorld.EventuallyAsync(() =>
            {
                while (_heard.TryDequeue(out var note))
                {
                    if (note == marker)
                    {
                        return Task.FromResult(true);
                    }

                    heard.Add(note);
                }

                return Task.FromResult(false);
            }), "the marker note never arrived");
            return heard;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            await _connection.DisposeAsync();
            _stop.Dispose();
        }

        private async Task WaitLoopAsync()
        {
            try
            {
                while (true)
                {
                    await _connection.WaitAsync(_stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
