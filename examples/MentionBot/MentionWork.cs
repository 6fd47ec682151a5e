using System.Text.Json;

namespace MentionBot;

/// <summary>One verified delivery waiting for the worker: its webhook-id and the event (the body's <c>data</c>).</summary>
internal sealed record MentionWork(string WebhookId, JsonElement Event);
