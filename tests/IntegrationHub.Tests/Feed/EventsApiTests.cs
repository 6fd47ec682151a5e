using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Tests.Ingest;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Feed;

/// <summary>GET /api/v1/events and /events/{id} over HTTP with an API key: filters, paging, validation, long polling.</summary>
public sealed class EventsApiTests(HubWorldFixture fx) : IClassFixture<HubWorldFixture>
{
    private HubWorld World => fx.World;

    [Fact]
    public async Task Filters_by_repository_kind_and_mention_and_pages_through_all_in_order()
    {
        var (repo, client) = await TenantAsync();
        var other = await World.SignedHookAsync(repo.TenantId, "gitlab", "s", repositoryPath: "acme/other");
        long push = await FeedEvents.StoreAsync(World.Db, repo, FeedEvents.New(EventKind.Push));
        long comment = await FeedEvents.StoreAsync(World.Db, repo, FeedEvents.New(EventKind.CommentCreatedOnPullRequest, "Hub-Bot", "alice"));
        long elsewhere = await FeedEvents.StoreAsync(World.Db, other, FeedEvents.New(EventKind.CommentCreatedOnIssue, "hub-bot"));
        long opened = await FeedEvents.StoreAsync(World.Db, other, FeedEvents.New(EventKind.PullRequestOpened));

        var (all, _) = await ApiPage.FollowAsync(client, "", expected: 4, limit: 1);
        var (inRepo, _) = await ApiPage.FollowAsync(client, "", 2, $"&repository={repo.RepositoryId}");
        var (comments, _) = await ApiPage.FollowAsync(client, "", 1, "&kind=commentCreatedOnIssue");
        var (mentions, _) = await ApiPage.FollowAsync(client, "", 2, "&mention=%40hub-bot");
        var combined = await ApiPage.GetAsync(client, $"?repository={other.RepositoryId}&mention=alice");

        Assert.Equal([push, comment, elsewhere, opened], all);
        Assert.Equal([push, comment], inRepo);
        Assert.Equal([elsewhere], comments);
        Assert.Equal([comment, elsewhere], mentions);
        Assert.Empty(combined.Data);
    }

    [Fact]
    public async Task An_event_carries_the_normalized_event_with_the_hubs_ids()
    {
        var (repo, client) = await TenantAsync();
        long id = await FeedEvents.StoreAsync(World.Db, repo, FeedEvents.New(EventKind.CommentCreatedOnPullRequest, "hub-bot"));

        var (ids, _) = await ApiPage.FollowAsync(client, "", 1);
        var page = await ApiPage.GetAsync(client);
        var one = JsonNode.Parse(await client.GetStringAsync($"/api/v1/events/{id}"))!.AsObject();

        Assert.Equal([id], ids);
        foreach (var e in new[] { page.Data.Single(), one })
        {
            Assert.Equal(id, e["id"]!.GetValue<long>());
            Assert.Equal(repo.RepositoryId, e["repositoryId"]!.GetValue<Guid>());
            Assert.Equal(repo.ConnectionId, e["connectionId"]!.GetValue<Guid>());
            Assert.True(e["recordedAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UnixEpoch);
            Assert.Equal("CommentCreatedOnPullRequest", e["kind"]!.GetValue<string>());
            Assert.Equal("GitHub", e["provider"]!.GetValue<string>());
            Assert.Equal("acme/widgets", e["repository"]!["fullPath"]!.GetValue<string>());
            Assert.Equal("hub-bot", e["mentions"]![0]!.GetValue<string>());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/events/999999999")).StatusCode);
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=501", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?after=garbage", "after")]
    [InlineData("?after=v1.AAAA", "after")]
    [InlineData("?after=v1.!!!!!!!!!!!!!!!!!!!!!!", "after")]
    [InlineData("?kind=Pushed", "kind")]
    [InlineData("?kind=3", "kind")]
    [InlineData("?repository=not-a-uuid", "repository")]
    [InlineData("?wait=31", "wait")]
    [InlineData("?wait=-1", "wait")]
    public async Task Rejects_bad_query_parameters_with_a_validation_problem(string query, string field)
    {
        var (_, client) = await TenantAsync();

        var response = await client.GetAsync("/api/v1/events" + query);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(problem["errors"]![field]);
        if (field == "kind")
        {
            Assert.Contains("CommentCreatedOnPullRequest", problem["errors"]![field]![0]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Limit_bounds_are_accepted_and_limit_caps_the_page()
    {
        var (repo, client) = await TenantAsync();
        for (int i = 0; i < 3; i++)
        {
            await FeedEvents.StoreAsync(World.Db, repo, FeedEvents.New());
        }

        await ApiPage.FollowAsync(client, "", 3); // until all three are readable
        var one = await ApiPage.GetAsync(client, "?limit=1");
        var max = await ApiPage.GetAsync(client, "?limit=500");

        Assert.Single(one.Data);
        Assert.Equal(3, max.Data.Count);
    }

    [Fact]
    public async Task A_long_poll_returns_with_the_event_inserted_while_it_waits()
    {
        var (repo, client) = await TenantAsync();
        var start = await ApiPage.GetAsync(client);

        // The longest wait allowed, so that even a loaded machine inserts well within it.
        var waiting = ApiPage.GetAsync(client, $"?wait=30&after={Uri.EscapeDataString(start.Next)}");
        // A feed that did not wait would answer (empty) at once; a waiting one is still open a second later, however
        // loaded the machine, so the event below is inserted while the request waits and not before its first read.
        await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromSeconds(1)));
        Assert.False(waiting.IsCompleted, "the long poll answered before anything was inserted");
        long id = await FeedEvents.StoreAsync(World.Db, repo, FeedEvents.New());
        var page = await waiting;

        Assert.Empty(start.Data);
        Assert.Equal([id], page.Ids);
        Assert.NotEqual(start.Next, page.Next);
    }

    [Fact]
    public async Task A_long_poll_with_nothing_new_returns_empty_with_the_same_cursor()
    {
        var (repo, client) = await TenantAsync();
        await FeedEvents.StoreAsync(World.Db, repo, FeedEvents.New());
        var (_, next) = await ApiPage.FollowAsync(client, "", 1);

        var page = await ApiPage.GetAsync(client, $"?wait=1&after={Uri.EscapeDataString(next)}");

        Assert.Empty(page.Data);
        Assert.Equal(next, page.Next);
    }

    [Fact]
    public async Task Needs_a_key_with_the_events_read_scope()
    {
        var (repo, _) = await TenantAsync();
        string actionsOnly = await ApiKeys.CreateAsync(fx.World.Hub.Services, repo.TenantId, "actions", ApiScopes.ActionsWrite);

        var noKey = await fx.World.Hub.CreateClient().GetAsync("/api/v1/events");
        var wrongScope = await ApiKeys.Client(fx.World.Hub, actionsOnly).GetAsync("/api/v1/events");
        var wrongScopeOne = await ApiKeys.Client(fx.World.Hub, actionsOnly).GetAsync("/api/v1/events/1");

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongScope.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongScopeOne.StatusCode);
    }

    private async Task<(TestHook Repo, HttpClient Client)> TenantAsync()
    {
        var tenant = await World.TenantAsync("Api " + Guid.NewGuid().ToString("n")[..6]);
        var repo = await World.SignedHookAsync(tenant, "github", "secret");
        string key = await ApiKeys.CreateAsync(fx.World.Hub.Services, tenant, "reader", ApiScopes.EventsRead);
        return (repo, ApiKeys.Client(fx.World.Hub, key));
    }
}
