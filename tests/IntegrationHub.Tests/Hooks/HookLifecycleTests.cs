using System.Net.Http.Headers;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Hooks;

/// <summary>Reconciliation repairs what people and providers did to our hooks, and records it.</summary>
public sealed class HookLifecycleTests
{
    [Fact]
    public async Task Reconciliation_recreates_a_hook_deleted_at_the_provider()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var worker = await world.StartWorkerAsync("reconcile-deleted");
        var (id, token) = await world.ConnectAsync(worker, "github", owners: 1, reposPerOwner: 3, "/github");
        Assert.True(await world.HooksSettledAsync(id, 3));
        var repo = await world.ScalarAsync<Guid>("SELECT id FROM repositories WHERE connection_id = $1 ORDER BY full_path LIMIT 1", id);
        string path = await world.ScalarAsync<string>("SELECT full_path FROM repositories WHERE id = $1", repo);
        string oldId = await world.ScalarAsync<string>("SELECT provider_hook_id FROM hooks WHERE repository_id = $1", repo);

        using (var person = new HttpClient { BaseAddress = new Uri(world.SimUrl) })
        {
            person.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            person.DefaultRequestHeaders.UserAgent.ParseAdd("a-person");
            (await person.DeleteAsync($"/github/api/v3/repos/{path}/hooks/{oldId}")).EnsureSuccessStatusCode();
        }

        Assert.Equal(2, (await world.SimHooksAsync("github")).Count);
        await Reconcile(world, id);

        // The recreation is recorded as soon as that hook is repaired; the run goes on with the other two hooks.
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'hook.recreated' AND target = $1", path) == 1
            && await world.ScalarAsync<long>("SELECT count(*) FROM hooks WHERE connection_id = $1 AND last_reconciled_at IS NOT NULL", id) == 3));
        string newId = await world.ScalarAsync<string>("SELECT provider_hook_id FROM hooks WHERE repository_id = $1", repo);
        Assert.NotEqual(oldId, newId);
        var hooks = await world.SimHooksAsync("github");
        Assert.Equal(3, hooks.Count);
        Assert.Contains(hooks, h => (string)h!["repo"]! == path && h["id"]!.ToString() == newId);
        Assert.Contains("deleted at the provider", await world.ScalarAsync<string>("SELECT last_error FROM hooks WHERE repository_id = $1", repo));
    }

    [Fact]
    public async Task Reconciliation_re_enables_a_GitLab_hook_disabled_after_failed_deliveries()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var worker = await world.StartWorkerAsync("reconcile-gitlab");
        var (id, _) = await world.ConnectAsync(worker, "gitlab", owners: 1, reposPerOwner: 1, "/gitlab");
        Assert.True(await world.HooksSettledAsync(id, 1));
        string path = await world.ScalarAsync<string>("SELECT full_path FROM repositories WHERE connection_id = $1", id);

        await world.FailGitLabDeliveriesUntilDisabledAsync(path);

        var disabled = (await world.SimHooksAsync("gitlab")).Single()!;
        Assert.True(disabled["disabledUntil"] is not null || (bool)disabled["permanentlyDisabled"]!, disabled.ToJsonString());
        await Reconcile(world, id);

        bool reenabled = await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'hook.reenabled' AND target = $1", path) == 1, 30);
        Assert.True(reenabled, (await world.SimHooksAsync("gitlab")).ToJsonString() + " / " + await world.ScalarAsync<string>("SELECT string_agg(kind || ':' || status || ':' || coalesce(last_error, ''), ' | ') FROM " + JobRows.Table)
            + " / " + await world.ScalarAsync<string>("SELECT status || ':' || coalesce(last_error, '') FROM hooks WHERE connection_id = $1", id));
        var enabled = (await world.SimHooksAsync("gitlab")).Single()!;
        Assert.Null(enabled["disabledUntil"]);
        Assert.Equal(0, (int)enabled["recentFailures"]!);
        Assert.Contains("re-enabled", await world.ScalarAsync<string>("SELECT last_error FROM hooks WHERE connection_id = $1", id));
        Assert.Equal("registered", await world.ScalarAsync<string>("SELECT status FROM hooks WHERE connection_id = $1", id));
    }

    internal static Task Reconcile(HubWorld world, Guid connectionId) =>
        TestJobs.For(world.ConnectionString).ReconcileHooksAsync(connectionId, DateTimeOffset.UtcNow, CancellationToken.None);
}
