namespace MentionBot.Tests;

/// <summary>The set of webhook-ids already taken: bounded by count, oldest out first.</summary>
public sealed class SeenDeliveriesTests
{
    [Fact]
    public void Holds_at_most_its_capacity_and_still_recognises_recent_ids()
    {
        var seen = new SeenDeliveries(TimeProvider.System, capacity: 1_000);

        for (int i = 0; i < 50_000; i++)
        {
            Assert.True(seen.TryAdd($"msg_{i}"));
            Assert.True(seen.Count <= 1_000);
        }

        Assert.Equal(1_000, seen.Count);
        Assert.False(seen.TryAdd("msg_49999"));
        Assert.False(seen.TryAdd("msg_49001"));
        Assert.True(seen.TryAdd("msg_0"), "the oldest ids leave first");
    }

    [Fact]
    public void Forgotten_id_offered_again_is_kept_as_new()
    {
        var seen = new SeenDeliveries(TimeProvider.System, capacity: 3);
        Assert.True(seen.TryAdd("a"));
        seen.Forget("a");
        Assert.True(seen.TryAdd("b"));
        Assert.True(seen.TryAdd("a"));

        // "a"'s first, forgotten entry leaves the queue first; it must not take the newer "a" with it.
        Assert.True(seen.TryAdd("c"));
        Assert.False(seen.TryAdd("a"));
    }
}
