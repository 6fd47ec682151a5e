namespace MentionBot;

/// <summary>The bot's settings, bound from the <c>MentionBot</c> configuration section, then the host's configure action.</summary>
public sealed class MentionBotOptions
{
    /// <summary>Where the hub is; replies go to <c>{HubUrl}/api/v1/events/{id}/reply</c>.</summary>
    public string HubUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>An API key of the tenant (<c>ihub_...</c>) with the <c>actions:write</c> scope. Never logged.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>The subscription's signing secret (<c>whsec_...</c>), shown once when the subscription is created. Never logged.</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>The handle people @mention to talk to the bot, without the @.</summary>
    public string Handle { get; set; } = "hub-bot";

    /// <summary>Where the bot listens; the subscription's URL is this plus <c>/webhooks</c>.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5095";

    /// <summary>How often a failed reply is tried in all before the bot gives up on it.</summary>
    public int ReplyAttempts { get; set; } = 6;

    /// <summary>The first pause between reply attempts; it doubles each time (a 429's Retry-After wins).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Clock for the retry pauses and the dedupe window; tests may pass their own.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
