using System.Text.Json;
using System.Text.RegularExpressions;

namespace MentionBot;

/// <summary>
/// Decides whether an event (the API's event JSON, the webhook's <c>data</c>) is for the bot, and writes the answer.
/// The hub has already parsed the mentions (<c>mentions</c>, handles without the @), so the bot only compares.
/// </summary>
internal static class MentionReader
{
    private const int MaxQuote = 200;

    public static Mention? Read(JsonElement ev, string handle)
    {
        if (ev.ValueKind != JsonValueKind.Object
            || !ev.TryGetProperty("id", out var idProp) || !idProp.TryGetInt64(out long id)
            || !Mentions(ev, handle))
        {
            return null;
        }

        string? actor = Text(ev, "actor", "login");
        // Its own comment never triggers it (a bot account that quoted itself would otherwise talk forever).
        if (actor is not null && string.Equals(actor, handle, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return new Mention(id, Answer(actor, Text(ev, "details", "commentExcerpt") ?? Text(ev, "details", "title"), handle));
    }

    /// <summary>
    /// The answer never contains "@handle": the reply becomes an event too, and it must not mention the bot again.
    /// </summary>
    internal static string Answer(string? actor, string? said, string handle)
    {
        string quote = Strip(said ?? "", handle);
        string hello = actor is null ? "Hi!" : $"Hi @{actor}!";
        return quote.Length == 0
            ? $"{hello} {handle} here. Mention me with a question and I will answer."
            : $"{hello} {handle} here: you said “{quote}”.";
    }

    private static string Strip(string text, string handle)
    {
        var own = new Regex("@" + Regex.Escape(handle), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        string quote = text;
        // Repeat: removing one mention can join its neighbours into another ("@hub@hub-bot-bot").
        for (string previous = ""; previous != quote;)
        {
            previous = quote;
            quote = own.Replace(quote, "");
        }

        quote = string.Join(' ', quote.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return quote.Length <= MaxQuote ? quote : quote[..MaxQuote] + "…";
    }

    private static bool Mentions(JsonElement ev, string handle) =>
        ev.TryGetProperty("mentions", out var mentions) && mentions.ValueKind == JsonValueKind.Array
        && mentions.EnumerateArray().Any(m => m.ValueKind == JsonValueKind.String
            && string.Equals(m.GetString(), handle, StringComparison.OrdinalIgnoreCase));

    private static string? Text(JsonElement ev, string parent, string name) =>
        ev.TryGetProperty(parent, out var p) && p.ValueKind == JsonValueKind.Object
        && p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;
}
