using System.Net;
using System.Net.Http.Headers;

namespace MentionBot.Tests;

/// <summary>Which of the hub's refusals the bot asks again about.</summary>
public sealed class ReplyRetryTests
{
    [Fact]
    public void Conflict_is_retried_only_when_the_hub_says_when_to_ask_again()
    {
        // The hub sends Retry-After only for "a request with this key is in progress".
        using var inProgress = new HttpResponseMessage(HttpStatusCode.Conflict);
        inProgress.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
        // Revoked or reauthorization-needed connection, or an abandoned key: asking again changes nothing.
        using var final = new HttpResponseMessage(HttpStatusCode.Conflict);

        Assert.True(HubReplies.Retryable(inProgress));
        Assert.False(HubReplies.Retryable(final));
    }

    [Fact]
    public async Task Reply_in_progress_at_the_hub_is_asked_again_with_the_same_key_until_answered()
    {
        await using var bot = await BotHarness.StartAsync();
        bot.Hub.FailNext(409, retryAfterSeconds: 1);

        using var response = await bot.SendAsync("msg_21", BotHarness.Body(21, "judy", "@hub-bot still there?", "hub-bot"));

        Assert.Equal(202, (int)response.StatusCode);
        Assert.True(await BotHarness.EventuallyAsync(() => bot.Hub.For(21).Count == 2));
        Assert.All(bot.Hub.For(21), a => Assert.Equal("mention-21", a.IdempotencyKey));
    }
}
