using IntegrationHub.Tests.World;
namespace IntegrationHub.Tests.Discover;

/// <summary>Discovery and hook registration through the hub for the providers beyond GitHub and GitLab, and watch mode "selected".</summary>
public sealed class ProviderDiscoveryTests
{
    [Theory]
    [InlineData("bitbucket-cloud", "/bitbucket")]
    [InlineData("bitbucket-dc", "/bitbucket-dc")]
    [InlineData("azure-devops", "/azure-devops/demo-org")]
    public async Task Discovery_finds_every_repository_across_pages_and_hooks_each_once(string provider, string basePath)
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var worker = await world.StartWorkerAsync("disc-" + provider);
        // Two owners (workspaces, projects) of 60: more than one page of 100 where the provider pages by owner or in all.
        var (id, _) = await world.ConnectAsync(worker, provider, owners: 2, reposPerOwner: 60, basePath);

        Assert.True(await world.HooksSettledAsync(id, 120, seconds: 180), await world.ScalarAsync<string>(
            "SELECT discovery_status || ' ' || discovered_count || ': ' || coalesce(discovery_error, '') || ' / ' || (SELECT coalesce(string_agg(DISTINCT status || ':' || coalesce(last_error, ''), ' | '), '') FROM hooks WHERE connection_id = $1) FROM connections WHERE id = $1", id));
        Assert.Equal(120L, await world.ScalarAsync<long>("SELECT count(*) FROM repositories WHERE connection_id = $1 AND status = 'active'", id));
        Assert.Equal(120L, await world.ScalarAsync<long>("SELECT count(DISTINCT external_id) FROM repositories WHERE connection_id = $1", id));

        // At the provider: every repository has our hook (Azure DevOps keeps one subscription per event) at a URL that
        // names one of our hook rows, and nothing else.
        var atSim = await world.SimHooksAsync(provider);
        Assert.Equal(120, atSim.Select(h => (string)h!["repo"]!).Distinct().Count());
        if (provider != "azure-devops")
        {
            Assert.All(atSim, h => Assert.True((bool)h!["hasSecret"]!)); // Azure DevOps takes Basic credentials instead of a secret
        }

        var ours = new HashSet<string>();
        await using (var cmd = world.Db.CreateCommand("SELECT url FROM hooks WHERE connection_id = $1 AND status = 'registered'"))
        {
            cmd.Parameters.Add(new() { Value = id });
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                ours.Add(r.GetString(0));
            }
        }

        Assert.Equal(120, ours.Count);
        Assert.All(atSim, h => Assert.Contains((string)h!["url"]!, ours));
        Assert.Equal(120, atSim.Select(h => (string)h!["url"]!).Distinct().Count());
    }

    [Fact]
    public async Task With_watch_mode_selected_new_repositories_stay_unwatched_and_get_no_hook()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        var worker = await world.StartWorkerAsync("disc-selected");
        var (id, _) = await world.ConnectAsync(worker, "github", owners: 1, reposPerOwner: 3, "/github");
        Assert.True(await world.HooksSettledAsync(id, 3));

        await world.ExecAsync("UPDATE connections SET watch_mode = 'selected' WHERE id = $1", id);
        await world.ControlAsync("seed", new { provider = "github", owners = 1, reposPerOwner = 2, ownerNames = new[] { "later-org" } });
        await world.DiscoverAsync(worker, id);

        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<string>("SELECT status FROM " + JobRows.Table + " WHERE connection_id = $1 AND kind = 'discover' ORDER BY id DESC LIMIT 1", id) == "done"));
        Assert.Equal(5L, await world.ScalarAsync<long>("SELECT count(*) FROM repositories WHERE connection_id = $1 AND status = 'active'", id));
        Assert.Equal(2L, await world.ScalarAsync<long>("SELECT count(*) FROM repositories WHERE connection_id = $1 AND NOT watched AND full_path LIKE 'later-org/%'", id));
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM " + JobRows.Table + " WHERE connection_id = $1 AND kind = 'register_hook' AND status IN ('pending', 'running')", id));
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM hooks h JOIN repositories r ON r.id = h.repository_id WHERE r.connection_id = $1 AND NOT r.watched", id));
        Assert.Equal(3L, await world.ScalarAsync<long>("SELECT count(*) FROM hooks WHERE connection_id = $1 AND status = 'registered'", id));
        Assert.Equal(3, (await world.SimHooksAsync("github")).Count);
    }
}
