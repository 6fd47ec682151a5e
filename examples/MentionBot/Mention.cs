namespace MentionBot;

/// <summary>An event that asks the bot something: which event to answer, and the answer.</summary>
internal sealed record Mention(long EventId, string ReplyBody);
