using IntegrationHub.Live;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Live;

/// <summary>
/// The relay behind live dashboard pages: a row written by anyone reaches the circuits watching that tenant and topic,
/// and no other tenant's; a lost LISTEN connection comes back and tells every watcher to reload.
/// </summary>
public sealed class LiveFeedTests
{
    [Fact]
    public async Task A_change_reaches_the_watchers_of_its_tenant_and_topic_only()
    {
        await using var world = await HubWorld.StartAsync();
        var feed = await ListeningFeedAsync(world);
        var acme = await world.TenantAsync("Acme");
        var globex = await world.TenantAsync("Globex");
        var acmeAudit = new Counter();
        var acmeEvents = new Counter();
        var globexAudit = new Counter();
        var everyTenant = new Counter();
        using var a = feed.Subscribe(acme, [LiveTopics.Audit], acmeAudit.Hit);
        using var b = feed.Subscribe(acme, [LiveTopics.Events], acmeEvents.Hit);
        using var c = feed.Subscribe(globex, [LiveTopics.Audit], globexAudit.Hit);
        using var d = feed.Subscribe(null, [LiveTopics.Audit], everyTenant.Hit);

        // Three rows in one statement: one notification (per tenant, per statement).
        await world.ExecAsync("""
            INSERT INTO audit_log (tenant_id, actor, action, occurred_at)
            SELECT $1, 'test', 'live.check', now() FROM generate_series(1, 3)
            """, acme);

        Assert.True(await HubWorld.EventuallyAsync(() => Task.FromResult(acmeAudit.Count == 1 && everyTenant.Count == 1)));
        await world.ExecAsync("INSERT INTO audit_log (tenant_id, actor, action, occurred_at) VALUES ($1, 'test', 'live.check', now())", globex);
        Assert.True(await HubWorld.EventuallyAsync(() => Task.FromResult(globexAudit.Count == 1 && everyTenant.Count == 2)));
        Assert.Equal(1, acmeAudit.Count);
        Assert.Equal(0, acmeEvents.Count);

        // A disposed subscription is called no more.
        a.Dispose();
        await world.ExecAsync("INSERT INTO audit_log (tenant_id, actor, action, occurred_at) VALUES ($1, 'test', 'live.check', now())", acme);
        Assert.True(await HubWorld.EventuallyAsync(() => Task.FromResult(everyTenant.Count == 3)));
        Assert.Equal(1, acmeAudit.Count);
    }

    [Fact]
    public async Task A_lost_listen_connection_comes_back_and_tells_every_watcher_to_reload()
    {
        await using var world = await HubWorld.StartAsync();
        var feed = await ListeningFeedAsync(world);
        var acme = await world.TenantAsync("Acme");
        var watcher = new Counter();
        using var subscription = feed.Subscribe(acme, [LiveTopics.Audit], watcher.Hit);

        int before = watcher.Count;
        Assert.Equal(1, feed.Listens);
        // The listener's backend: its last statement is the LISTEN, or the keep-alive after 30 idle seconds.
        await world.ExecAsync("""
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND query IN ('LISTEN ihub_live', 'SELECT 1')
            """);

        // Reconnected: the watcher hears "reload" (anything may have changed meanwhile), then changes again.
        Assert.True(await HubWorld.EventuallyAsync(() => Task.FromResult(feed.Listens == 2 && watcher.Count > before)));
        int afterReconnect = watcher.Count;
        await world.ExecAsync("INSERT INTO audit_log (tenant_id, actor, action, occurred_at) VALUES ($1, 'test', 'live.check', now())", acme);
        Assert.True(await HubWorld.EventuallyAsync(() => Task.FromResult(watcher.Count > afterReconnect)));
    }

    [Fact]
    public async Task A_watch_that_catches_up_reloads_once_without_a_change_and_still_follows_changes()
    {
        // A panel handed counts read before it subscribed: a hook registered in between notified nobody, and without
        // the catch-up the panel showed "7 registered" of 8 until the next change, which never came.
        await using var world = await HubWorld.StartAsync();
        var feed = await ListeningFeedAsync(world);
        var acme = await world.TenantAsync("Acme");
        var reloads = new Counter();
        using var live = feed.Watch(acme, [LiveTopics.Audit], () =>
        {
            reloads.Hit();
            return Task.CompletedTask;
        });

        live.CatchUp();
        Assert.True(await HubWorld.EventuallyAsync(() => Task.FromResult(reloads.Count == 1)), "the catch-up did not reload");

        // After it the watch is idle again, not stuck: the next change reloads once more.
        await world.ExecAsync("INSERT INTO audit_log (tenant_id, actor, action, occurred_at) VALUES ($1, 'test', 'live.check', now())", acme);
        Assert.True(await HubWorld.EventuallyAsync(() => Task.FromResult(reloads.Count >= 2)), "a change after the catch-up did not reload");
    }

    private static async Task<LiveFeed> ListeningFeedAsync(HubWorld world)
    {
        var feed = world.Hub.Services.GetRequiredService<LiveFeed>();
        Assert.True(await HubWorld.EventuallyAsync(() => Task.FromResult(feed.Listening)));
        return feed;
    }

    private sealed class Counter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Hit() => Interlocked.Increment(ref _count);
    }
}
