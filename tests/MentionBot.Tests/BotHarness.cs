using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;

namespace MentionBot.Tests;

/// <summary>The bot on a real port, pointed at a <see cref="FakeHub"/>, and a sender that signs like the hub does.</summary>
internal sealed class BotHarness : IAsyncDisposable
{
    public const string ApiKey = "ihub_testkey_not_real";

    private readonly WebApplication _bot;
    private readonly HttpClient _http;

    private BotHarness(WebApplication bot, FakeHub hub, string secret, string url)
    {
        _bot = bot;
        Hub = hub;
        Secret = secret;
        _http = new HttpClient { BaseAddress = new Uri(url) };
    }

    public FakeHub Hub { get; }
    public string Secret { get; }

    public static async Task<BotHarness> StartAsync()
    {
        var hub = await FakeHub.StartAsync();
        string secret = NewSecret();
        var bot = MentionBotApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"], o =>
        {
            o.HubUrl = hub.Url;
            o.ApiKey = ApiKey;
            o.WebhookSecret = secret;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(50);
        });
        await bot.StartAsync();
        string url = bot.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BotHarness(bot, hub, secret, url);
    }

    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>An outbound webhook body as the hub sends it: the event JSON in <c>data</c>.</summary>
    public static string Body(long eventId, string actor, string excerpt, params string[] mentions) => JsonSerializer.Serialize(new
    {
        type = "event.CommentCreatedOnPullRequest",
        timestamp = DateTimeOffset.UtcNow,
        data = new
        {
            id = eventId,
            provider = "GitHub",
            kind = "CommentCreatedOnPullRequest",
            actor = new { login = actor },
            mentions,
            details = new { number = 7, commentId = "c" + eventId, commentExcerpt = excerpt },
        },
    });

    public Task<HttpResponseMessage> SendAsync(string webhookId, string body) =>
        SendAsync(webhookId, body, DateTimeOffset.UtcNow, Secret);

    public Task<HttpResponseMessage> SendAsync(string webhookId, string body, DateTimeOffset timestamp, string secret) =>
        SendRawAsync(webhookId, body, timestamp, new StandardWebhook(secret).Sign(webhookId, timestamp, body));

    public async Task<HttpResponseMessage> SendRawAsync(string webhookId, string body, DateTimeOffset timestamp, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);
        return await _http.SendAsync(request);
    }

    /// <summary>Polls a condition; the deadline only keeps a broken run from hanging (not a timing assertion).</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, int seconds = 30)
    {
        for (var until = DateTime.UtcNow.AddSeconds(seconds); DateTime.UtcNow < until;)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return condition();
    }

    /// <summary>
    /// Sends a mention and waits for its reply. The bot decides deliveries in arrival order, so once this one is
    /// answered every delivery sent before it has been decided too: what was not posted by then never will be.
    /// </summary>
    public async Task SettleAsync(long controlEventId)
    {
        using var response = await SendAsync("msg_control_" + controlEventId, Body(controlEventId, "carol", "@hub-bot ping", "hub-bot"));
        Assert.Equal(202, (int)response.StatusCode);
        Assert.True(await EventuallyAsync(() => Hub.For(controlEventId).Count > 0), "the control mention was never answered");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _bot.StopAsync();
        await _bot.DisposeAsync();
        await Hub.DisposeAsync();
    }
}
