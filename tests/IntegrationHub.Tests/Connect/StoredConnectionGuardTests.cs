using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Connect;

/// <summary>
/// The base-URL guard holds for connections already stored, not only while a tenant types: a host that now resolves to
/// the hub's own network (a changed DNS record, an operator who narrowed the allow-list) is refused at the socket.
/// </summary>
public sealed class StoredConnectionGuardTests
{
    [Fact]
    public async Task Discovery_of_a_stored_connection_whose_host_is_no_longer_allowed_is_refused_before_any_request()
    {
        await using var world = await HubWorld.StartAsync(HubWorldOptions.Workers);
        // The simulator on loopback is no longer on the allow-list; "git.example.com" is, and nothing else.
        var worker = await world.StartWorkerAsync("guard-stored", new()
        {
            ["Hub:Security:AllowedPrivateHosts:0"] = "git.example.com",
            ["Hub:Jobs:MaxAttempts"] = "1", // give up at once instead of backing off eight times
        });
        var (id, _) = await world.ConnectAsync(worker, "github", owners: 1, reposPerOwner: 2, "/github");

        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.ScalarAsync<string>("SELECT discovery_status FROM connections WHERE id = $1", id) == "failed"),
            await world.ScalarAsync<string>("SELECT discovery_status || ': ' || coalesce(discovery_error, '') FROM connections WHERE id = $1", id));

        string error = await world.ScalarAsync<string>("SELECT discovery_error FROM connections WHERE id = $1", id);
        Assert.Contains("private, loopback or link-local", error);
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM repositories WHERE connection_id = $1", id));
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM hooks WHERE connection_id = $1", id));
    }
}
