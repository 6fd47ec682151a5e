using IntegrationHub.Events;
using IntegrationHub.Tests.Ingest;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Feed;

/// <summary>The cursor's text form and the "from now on" cursor new subscriptions start from.</summary>
public sealed class EventCursorTests(HubWorldFixture fx) : IClassFixture<HubWorldFixture>
{
    [Theory]
    [InlineData(0UL, 0L)]
    [InlineData(1234UL, 56L)]
    [InlineData(ulong.MaxValue, long.MaxValue)]
    public void Round_trips_through_an_opaque_url_safe_string(ulong tx, long id)
    {
        string text = new EventCursor(tx, id).Encode();

        Assert.True(EventCursor.TryParse(text, out var parsed, out string? error), error);
        Assert.Equal(new EventCursor(tx, id), parsed);
        Assert.StartsWith("v1.", text);
        Assert.Equal(Uri.EscapeDataString(text), text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void An_absent_cursor_is_the_start(string? text)
    {
        Assert.True(EventCursor.TryParse(text, out var parsed, out _));
        Assert.Equal(EventCursor.Start, parsed);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("v1.")]
    [InlineData("v1.AAAA")]
    [InlineData("v2.AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("v1.AAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("v1.!!!!!!!!!!!!!!!!!!!!!!")]
    public void Rejects_anything_it_did_not_encode_with_a_sentence(string text)
    {
        Assert.False(EventCursor.TryParse(text, out _, out string? error));
        Assert.Contains("next", error);
    }

    [Fact]
    public void Rejects_a_cursor_with_a_negative_id()
    {
        string text = "v1." + System.Buffers.Text.Base64Url.EncodeToString([0, 0, 0, 0, 0, 0, 0, 7, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE]);

        Assert.False(EventCursor.TryParse(text, out _, out string? error));
        Assert.Contains("damaged", error);
    }

    [Fact]
    public async Task A_cursor_made_now_skips_what_is_already_readable_and_yields_what_comes_after()
    {
        var repo = await fx.World.SignedHookAsync(await fx.World.TenantAsync("Now"), "github", "secret");
        long before = await FeedEvents.StoreAsync(fx.World.Db, repo, FeedEvents.New());
        await FeedEvents.FollowAsync(fx.World.Db, repo.TenantId, EventCursor.Start, expected: 1); // until it is readable
        EventCursor now;
        await using (var conn = await fx.World.Db.OpenConnectionAsync())
        {
            now = await EventCursor.NowAsync(conn, CancellationToken.None);
        }

        long after = await FeedEvents.StoreAsync(fx.World.Db, repo, FeedEvents.New());
        var (read, _) = await FeedEvents.FollowAsync(fx.World.Db, repo.TenantId, now, expected: 1);

        Assert.True(before < after);
        Assert.Equal([after], read.Select(e => e.Id));
    }
}
