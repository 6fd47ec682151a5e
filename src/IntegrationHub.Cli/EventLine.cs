using System.Globalization;
using System.Text.Json;

namespace IntegrationHub.Cli;

/// <summary>One event as one readable line: id, time, provider, kind, where, who, and what was said.</summary>
internal static class EventLine
{
    public static string Format(JsonElement ev)
    {
        string id = ev.TryGetProperty("id", out var i) ? i.GetRawText() : "?";
        string at = Str(ev, "occurredAt") is { } t && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out var when)
            ? when.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : "-";
        string repo = Obj(ev, "repository") is { } r ? Str(r, "fullPath") ?? "-" : "-";
        var details = Obj(ev, "details");
        if (details is { } d && d.TryGetProperty("number", out var n) && n.ValueKind == JsonValueKind.Number)
        {
            repo += "#" + n.GetRawText();
        }

        string actor = Obj(ev, "actor") is { } a && Str(a, "login") is { } login ? "@" + login : "-";
        string said = details is { } dd ? Str(dd, "commentExcerpt") ?? Str(dd, "title") ?? Str(dd, "ref") ?? "" : "";
        said = said.ReplaceLineEndings(" ");
        return string.Join("  ", id, at, Str(ev, "provider") ?? "-", Str(ev, "kind") ?? "-", repo, actor, said).TrimEnd();
    }

    private static JsonElement? Obj(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
