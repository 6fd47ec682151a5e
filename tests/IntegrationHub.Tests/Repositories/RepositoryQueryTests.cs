using IntegrationHub.Repositories;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Repositories;

/// <summary>
/// The Repositories list's query over 1,300 seeded repositories: each filter and sort, paging and its total, in SQL,
/// checked against the seeding rules (<see cref="ManyRepositories"/>), not against the hub's own logic.
/// </summary>
public sealed class RepositoryQueryTests : IAsyncLifetime
{
    private const int Count = 1300;
    private HubWorld _w = null!;
    private ManyRepositories _repos = null!;

    public async Task InitializeAsync()
    {
        _w = await HubWorld.StartAsync();
        _repos = await ManyRepositories.SeedAsync(_w, await _w.TenantAsync("Many"), Count);
    }

    public async Task DisposeAsync() => await _w.DisposeAsync();

    [Theory]
    [InlineData("registered")]
    [InlineData("pending")]
    [InlineData("failed")]
    [InlineData("disabled")]
    [InlineData("none")]
    public async Task Filters_by_hook_state(string state)
    {
        var expected = _repos.Numbers.Where(n => ManyRepositories.HookState(n) == state).Select(ManyRepositories.Path).ToList();

        var rows = await AllPagesAsync(new RepositoryFilter(HookState: state));

        Assert.Equal(expected, rows.Select(r => r.FullPath));
        Assert.All(rows, r => Assert.Equal(state, r.HookState));
    }

    [Theory]
    [InlineData("ok")]
    [InlineData("behind")]
    [InlineData("error")]
    [InlineData("off")]
    public async Task Filters_by_poll_state(string state)
    {
        var expected = _repos.Numbers.Where(n => ManyRepositories.PollState(n) == state).Select(ManyRepositories.Path).ToList();

        var page = await _repos.ListAsync(new RepositoryFilter(PollState: state), take: 500);

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, page.Total);
        Assert.Equal(expected.Take(500), page.Rows.Select(r => r.FullPath));
    }

    [Fact]
    public async Task Filters_by_watched_and_name_and_combines_filters()
    {
        await _w.RepositoryAsync(_repos.Tenant, _repos.Connection, "org/my_repo", "9001");
        await _w.RepositoryAsync(_repos.Tenant, _repos.Connection, "org/myxrepo", "9002");
        var unwatched = await _repos.ListAsync(new RepositoryFilter(Watched: false), take: 500);
        var underscore = await _repos.ListAsync(new RepositoryFilter(Name: "my_repo"));
        // "_" and "%" are literal: escaped, not wildcards; "REPO-001" matches org/repo-00100 .. 00199 and 01000 .. 01099 (case-insensitive).
        var named = await _repos.ListAsync(new RepositoryFilter(Name: "REPO-001"), take: 500);
        var wildcard = await _repos.ListAsync(new RepositoryFilter(Name: "repo_0"));
        var combined = await _repos.ListAsync(new RepositoryFilter(Name: "repo-00", HookState: "failed", PollState: "error", Watched: true), take: 500);

        Assert.Equal(_repos.Numbers.Where(n => !ManyRepositories.Watched(n)).Select(ManyRepositories.Path), unwatched.Rows.Select(r => r.FullPath));
        Assert.Equal(Count / 10, unwatched.Total);
        Assert.Equal(_repos.Numbers.Select(ManyRepositories.Path).Where(p => p.Contains("repo-001", StringComparison.Ordinal)), named.Rows.Select(r => r.FullPath));
        Assert.Equal(0, wildcard.Total);
        Assert.Equal(["org/my_repo"], underscore.Rows.Select(r => r.FullPath));
        var expected = _repos.Numbers.Where(n => n < 1000 && ManyRepositories.HookState(n) == "failed" && ManyRepositories.PollState(n) == "error")
            .Select(ManyRepositories.Path).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, combined.Rows.Select(r => r.FullPath));
        Assert.Equal(expected.Count, combined.Total);
    }

    [Fact]
    public async Task Pages_cover_every_repository_once_with_the_total()
    {
        var seen = new List<string>();
        for (int skip = 0; skip < Count + 100; skip += 100)
        {
            var page = await _repos.ListAsync(skip: skip, take: 100);
            Assert.Equal(Count, page.Total);
            Assert.Equal(Math.Clamp(Count - skip, 0, 100), page.Rows.Count);
            seen.AddRange(page.Rows.Select(r => r.FullPath));
        }

        Assert.Equal(_repos.Numbers.Select(ManyRepositories.Path), seen);
    }

    [Fact]
    public async Task Sorts_by_name_hook_state_last_delivery_and_last_poll()
    {
        var byNameDesc = await _repos.ListAsync(sort: RepositorySort.Name, descending: true, take: 3);
        var byHook = await _repos.ListAsync(sort: RepositorySort.HookState, take: 500);
        var byDelivery = await _repos.ListAsync(sort: RepositorySort.LastDelivery, descending: true, take: 500);
        var byDeliveryLast = await _repos.ListAsync(sort: RepositorySort.LastDelivery, descending: true, skip: Count - 2, take: 10);
        var byPoll = await _repos.ListAsync(sort: RepositorySort.LastPolled, take: 3);

        Assert.Equal([ManyRepositories.Path(Count), ManyRepositories.Path(Count - 1), ManyRepositories.Path(Count - 2)], byNameDesc.Rows.Select(r => r.FullPath));
        // Failed first (what needs a person), then by path.
        var failed = _repos.Numbers.Where(n => ManyRepositories.HookState(n) == "failed").Select(ManyRepositories.Path).ToList();
        Assert.Equal(failed, byHook.Rows.Take(failed.Count).Select(r => r.FullPath));
        Assert.Equal("disabled", byHook.Rows[failed.Count].HookState);
        // Delivered n seconds ago: newest first is the smallest n; repositories never delivered to come last either way.
        var delivered = _repos.Numbers.Where(n => n % 5 == 1).Select(ManyRepositories.Path).ToList();
        Assert.Equal(delivered, byDelivery.Rows.Take(delivered.Count).Select(r => r.FullPath));
        Assert.All(byDeliveryLast.Rows, r => Assert.Null(r.LastDeliveryAt));
        // Polled n seconds ago: the oldest poll first is the largest polled n.
        var polled = _repos.Numbers.Where(n => ManyRepositories.Watched(n) && n % 13 != 0).OrderByDescending(n => n).Take(3).Select(ManyRepositories.Path);
        Assert.Equal(polled, byPoll.Rows.Select(r => r.FullPath));
    }

    [Fact]
    public async Task Another_tenant_sharing_the_provider_repository_sees_only_its_own_rows()
    {
        var other = await _w.TenantAsync("Other");
        var theirs = await _w.ConnectionAsync(other);
        var shared = await _w.RepositoryAsync(other, theirs, ManyRepositories.Path(1), "1"); // the same repository at the provider

        var mineOnly = await _repos.ListAsync(new RepositoryFilter(Name: ManyRepositories.Path(1)));
        var theirConnectionFromMine = await ManyRepositories.InTenantAsync(_w, _repos.Tenant, sp =>
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<RepositoryQuery>(sp)
                .ListAsync(new RepositoryListRequest(theirs), CancellationToken.None));

        Assert.Equal([await _repos.IdAsync(1)], mineOnly.Rows.Select(r => r.Id));
        Assert.DoesNotContain(shared, mineOnly.Rows.Select(r => r.Id));
        Assert.Equal(0, theirConnectionFromMine.Total);
        Assert.Empty(theirConnectionFromMine.Rows);
    }

    [Fact]
    public async Task Unknown_state_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _repos.ListAsync(new RepositoryFilter(HookState: "broken")));
    }

    private async Task<List<RepositoryListItem>> AllPagesAsync(RepositoryFilter filter)
    {
        var rows = new List<RepositoryListItem>();
        for (int skip = 0; ; skip += 200)
        {
            var page = await _repos.ListAsync(filter, skip: skip, take: 200);
            rows.AddRange(page.Rows);
            if (page.Rows.Count < 200)
            {
                Assert.Equal(page.Total, rows.Count);
                return rows;
            }
        }
    }
}
