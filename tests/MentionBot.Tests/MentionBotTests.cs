using System.Text.Json;

namespace MentionBot.Tests;

/// <summary>The bot over real HTTP: signed deliveries in, replies out to a stand-in hub.</summary>
public sealed class MentionBotTests
{
    [Fact]
    public async Task Signed_mention_is_accepted_and_answered_once_through_the_reply_endpoint()
    {
        await using var bot = await BotHarness.StartAsync();

        using var response = await bot.SendAsync("msg_1", BotHarness.Body(1, "alice", "@hub-bot hello", "hub-bot"));

        Assert.Equal(202, (int)response.StatusCode);
        Assert.True(await BotHarness.EventuallyAsync(() => bot.Hub.For(1).Count == 1));
        var reply = Assert.Single(bot.Hub.For(1));
        Assert.Equal("Bearer " + BotHarness.ApiKey, reply.Authorization);
        Assert.Equal("mention-1", reply.IdempotencyKey);
        string text = JsonDocument.Parse(reply.Body).RootElement.GetProperty("body").GetString()!;
        Assert.Equal("Hi @alice! hub-bot here: you said “hello”.", text);
        Assert.DoesNotContain("@hub-bot", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Handle_is_matched_without_regard_to_case()
    {
        await using var bot = await BotHarness.StartAsync();

        using var response = await bot.SendAsync("msg_2", BotHarness.Body(2, "bob", "@Hub-Bot what's up", "Hub-Bot"));

        Assert.Equal(202, (int)response.StatusCode);
        Assert.True(await BotHarness.EventuallyAsync(() => bot.Hub.For(2).Count == 1));
        Assert.DoesNotContain("@hub-bot", bot.Hub.For(2)[0].Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Wrong_signature_stale_timestamp_and_missing_headers_are_refused_401_and_nothing_is_posted()
    {
        await using var bot = await BotHarness.StartAsync();
        string body = BotHarness.Body(3, "mallory", "@hub-bot hello", "hub-bot");

        using var wrongSecret = await bot.SendAsync("msg_3a", body, DateTimeOffset.UtcNow, BotHarness.NewSecret());
        using var stale = await bot.SendAsync("msg_3b", body, DateTimeOffset.UtcNow.AddMinutes(-6), bot.Secret);
        using var future = await bot.SendAsync("msg_3c", body, DateTimeOffset.UtcNow.AddMinutes(6), bot.Secret);
        using var garbage = await bot.SendRawAsync("msg_3d", body, DateTimeOffset.UtcNow, "v1,not-base64!!");
        string tampered = body.Replace("hello", "HELLO", StringComparison.Ordinal);
        var signedOriginal = new StandardWebhooks.StandardWebhook(bot.Secret).Sign("msg_3e", DateTimeOffset.UtcNow, body);
        using var tamperedBody = await bot.SendRawAsync("msg_3e", tampered, DateTimeOffset.UtcNow, signedOriginal);
        using var unsigned = await bot.SendRawAsync("msg_3f", body, DateTimeOffset.UtcNow, "");

        Assert.All(new[] { wrongSecret, stale, future, garbage, tamperedBody, unsigned }, r => Assert.Equal(401, (int)r.StatusCode));
        await bot.SettleAsync(1003);
        Assert.Empty(bot.Hub.For(3));
    }

    [Fact]
    public async Task Either_of_two_signatures_is_accepted_during_a_secret_rotation()
    {
        await using var bot = await BotHarness.StartAsync();
        string body = BotHarness.Body(4, "dave", "@hub-bot rotate", "hub-bot");
        var at = DateTimeOffset.UtcNow;
        string oldSecret = new StandardWebhooks.StandardWebhook(BotHarness.NewSecret()).Sign("msg_4", at, body);
        string current = new StandardWebhooks.StandardWebhook(bot.Secret).Sign("msg_4", at, body);

        using var response = await bot.SendRawAsync("msg_4", body, at, $"{oldSecret} {current}");

        Assert.Equal(202, (int)response.StatusCode);
        Assert.True(await BotHarness.EventuallyAsync(() => bot.Hub.For(4).Count == 1));
    }

    [Fact]
    public async Task Repeated_webhook_id_is_acknowledged_but_replied_to_once()
    {
        await using var bot = await BotHarness.StartAsync();
        string body = BotHarness.Body(5, "erin", "@hub-bot twice?", "hub-bot");

        using var first = await bot.SendAsync("msg_5", body);
        using var again = await bot.SendAsync("msg_5", body);

        Assert.Equal(202, (int)first.StatusCode);
        Assert.Equal(202, (int)again.StatusCode);
        Assert.True(await BotHarness.EventuallyAsync(() => bot.Hub.For(5).Count >= 1));
        await bot.SettleAsync(1005);
        Assert.Single(bot.Hub.For(5));
    }

    [Fact]
    public async Task Its_own_reply_and_its_own_comments_do_not_trigger_it()
    {
        await using var bot = await BotHarness.StartAsync();
        using (await bot.SendAsync("msg_6", BotHarness.Body(6, "frank", "@hub-bot hello", "hub-bot")))
        {
        }

        Assert.True(await BotHarness.EventuallyAsync(() => bot.Hub.For(6).Count == 1));
        string reply = JsonDocument.Parse(bot.Hub.For(6)[0].Body).RootElement.GetProperty("body").GetString()!;

        // The reply comes back as an event: it mentions the person it answers, never the bot.
        using var echo = await bot.SendAsync("msg_7", BotHarness.Body(7, "frank", reply, "frank"));
        // A comment written by the bot's own account, even one that names the bot.
        using var own = await bot.SendAsync("msg_8", BotHarness.Body(8, "hub-bot", "@hub-bot note to self", "hub-bot"));

        Assert.Equal(202, (int)echo.StatusCode);
        Assert.Equal(202, (int)own.StatusCode);
        await bot.SettleAsync(1007);
        Assert.Empty(bot.Hub.For(7));
        Assert.Empty(bot.Hub.For(8));
    }

    [Fact]
    public async Task Event_without_the_mention_is_ignored()
    {
        await using var bot = await BotHarness.StartAsync();

        using var other = await bot.SendAsync("msg_9", BotHarness.Body(9, "gina", "@someone-else hello, hub-bot", "someone-else"));
        using var none = await bot.SendAsync("msg_10", BotHarness.Body(10, "gina", "no mentions here"));

        Assert.Equal(202, (int)other.StatusCode);
        Assert.Equal(202, (int)none.StatusCode);
        await bot.SettleAsync(1009);
        Assert.Empty(bot.Hub.For(9));
        Assert.Empty(bot.Hub.For(10));
    }

    [Fact]
    public async Task Rate_limited_reply_is_retried_with_the_same_idempotency_key_until_it_is_posted()
    {
        await using var bot = await BotHarness.StartAsync();
        bot.Hub.FailNext(429, retryAfterSeconds: 1);
        bot.Hub.FailNext(503);

        using var response = await bot.SendAsync("msg_11", BotHarness.Body(11, "hank", "@hub-bot busy?", "hub-bot"));

        Assert.Equal(202, (int)response.StatusCode);
        Assert.True(await BotHarness.EventuallyAsync(() => bot.Hub.For(11).Count == 3));
        var attempts = bot.Hub.For(11);
        Assert.All(attempts, a => Assert.Equal("mention-11", a.IdempotencyKey));
        Assert.Single(attempts.Select(a => a.Body).Distinct());
    }

    [Fact]
    public void Answer_never_mentions_the_bot_whatever_it_quotes()
    {
        string answer = MentionReader.Answer("ivy", "@HUB-BOT hi @hub@hub-bot-bot and @hub-bots", "hub-bot");

        Assert.DoesNotContain("@hub-bot", answer, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("Hi @ivy! hub-bot here", answer, StringComparison.Ordinal);
    }
}
