using System.Net;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using IntegrationHub.WebhookIntake;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Ingest;

/// <summary>
/// Each web node keeps the hooks it has seen in memory (<see cref="HookDirectory"/>) and drops them when the database says
/// they changed, whichever node or worker changed them. Lookups are counted from Npgsql's tracing (<see cref="HookLookups"/>).
/// </summary>
public sealed class HookDirectoryTests
{
    [Fact]
    public async Task A_second_delivery_to_a_known_hook_reads_no_hook()
    {
        await using var world = await HubWorld.StartAsync();
        var directory = await ListeningAsync(world.Hub.Services);
        var tenant = await world.TenantAsync("Known");
        var hook = await world.SignedHookAsync(tenant, "github", SignedDeliveries.NewSecret(Scheme.GitHub));
        var client = world.Hub.CreateClient();
        using var lookups = new HookLookups(world.ConnectionString);

        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(Push(hook))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(Push(hook))).StatusCode);

        Assert.Equal(1, lookups.Count);
        Assert.True(directory.Holds(hook.Id));
    }

    [Fact]
    public async Task A_rotated_secret_a_removed_hook_and_a_revoked_connection_are_refused_on_every_node_that_kept_them()
    {
        await using var world = await HubWorld.StartAsync();
        var node = await world.StartWebNodeAsync("hookdir-" + Guid.NewGuid().ToString("n")[..6]);
        var nodes = new[]
        {
            (Directory: await ListeningAsync(world.Hub.Services), Client: world.Hub.CreateClient()),
            (Directory: await ListeningAsync(node.Services), Client: new HttpClient { BaseAddress = new Uri(node.Url) }),
        };
        var tenant = await world.TenantAsync("Changes");
        var rotated = await world.SignedHookAsync(tenant, "github", SignedDeliveries.NewSecret(Scheme.GitHub));
        var removed = await world.SignedHookAsync(tenant, "github", SignedDeliveries.NewSecret(Scheme.GitHub));
        var revoked = await world.SignedHookAsync(tenant, "github", SignedDeliveries.NewSecret(Scheme.GitHub));
        var untouched = await world.SignedHookAsync(tenant, "github", SignedDeliveries.NewSecret(Scheme.GitHub));
        TestHook[] all = [rotated, removed, revoked, untouched];
        foreach (var (directory, client) in nodes)
        {
            foreach (var hook in all)
            {
                Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(Push(hook))).StatusCode);
                Assert.True(directory.Holds(hook.Id), "the node did not keep the hook it read");
            }
        }

        // Changed in the database as another node or a worker would: neither web node is told by anything but the database.
        string newSecret = SignedDeliveries.NewSecret(Scheme.GitHub);
        await world.ExecAsync("UPDATE hooks SET secret_protected = $2, updated_at = now() WHERE id = $1", rotated.Id,
            world.Hub.Services.GetRequiredService<ISecretProtector>().Protect(newSecret));
        await world.ExecAsync("UPDATE hooks SET status = 'removed', updated_at = now() WHERE id = $1", removed.Id);
        await world.ExecAsync("UPDATE connections SET status = 'revoked', updated_at = now() WHERE id = $1", revoked.ConnectionId);

        // Waiting for the drop, not for a time: the notes arrive without any delivery asking.
        Assert.True(await HubWorld.EventuallyAsync(() => Task.FromResult(
            nodes.All(n => !n.Directory.Holds(rotated.Id) && !n.Directory.Holds(removed.Id) && !n.Directory.Holds(revoked.Id)))));
        foreach (var (directory, client) in nodes)
        {
            Assert.True(directory.Holds(untouched.Id), "a change to other hooks dropped an unchanged one");
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Push(rotated))).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(Push(rotated with { Secret = newSecret }))).StatusCode);
            await AssertGoneAsync(await client.SendAsync(Push(removed)), "hook disabled or removed");
            await AssertGoneAsync(await client.SendAsync(Push(revoked)), "connection disconnected or revoked");
            Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(Push(untouched))).StatusCode);
        }
    }

    [Fact]
    public async Task A_lost_listen_connection_drops_every_kept_hook_and_the_directory_keeps_working()
    {
        await using var world = await HubWorld.StartAsync();
        var directory = await ListeningAsync(world.Hub.Services);
        var listener = world.Hub.Services.GetRequiredService<HookDirectoryListener>();
        var tenant = await world.TenantAsync("Lost");
        var hook = await world.SignedHookAsync(tenant, "github", SignedDeliveries.NewSecret(Scheme.GitHub));
        var client = world.Hub.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(Push(hook))).StatusCode);
        Assert.True(directory.Holds(hook.Id));
        Assert.Equal(1, listener.Listens);

        // The listener's backend: its last statement is the LISTEN, or the keep-alive after 30 idle seconds.
        await world.ExecAsync("""
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND query IN ('LISTEN ihub_hook_directory', 'SELECT 1')
            """);

        Assert.True(await HubWorld.EventuallyAsync(() => Task.FromResult(listener.Listens == 2 && directory.Listening)));
        Assert.Equal(0, directory.Count);
        using var lookups = new HookLookups(world.ConnectionString);
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(Push(hook))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(Push(hook))).StatusCode);
        Assert.Equal(1, lookups.Count);

        // And the new connection carries notes: a removal is seen.
        await world.ExecAsync("UPDATE hooks SET status = 'removed' WHERE id = $1", hook.Id);
        Assert.True(await HubWorld.EventuallyAsync(() => Task.FromResult(!directory.Holds(hook.Id))));
        Assert.Equal(HttpStatusCode.Gone, (await client.SendAsync(Push(hook))).StatusCode);
    }

    private static async Task<HookDirectory> ListeningAsync(IServiceProvider services)
    {
        var directory = services.GetRequiredService<HookDirectory>();
        Assert.True(await HubWorld.EventuallyAsync(() => Task.FromResult(directory.Listening)), "the hook directory never listened");
        return directory;
    }

    private static async Task AssertGoneAsync(HttpResponseMessage response, string reason)
    {
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal(reason, (await response.Content.ReadAsStringAsync()).Trim());
    }

    private static HttpRequestMessage Push(TestHook hook) => SignedDeliveries.Create(Scheme.GitHub, hook,
        IngestFixtures.Bytes("github/push.new-branch.json"), "push", Guid.NewGuid().ToString());
}
