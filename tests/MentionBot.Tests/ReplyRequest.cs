namespace MentionBot.Tests;

/// <summary>One reply request as the stand-in hub received it.</summary>
internal sealed record ReplyRequest(long EventId, string Authorization, string IdempotencyKey, string Body);
