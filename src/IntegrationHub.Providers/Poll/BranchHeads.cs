using System.Text.Json;

namespace IntegrationHub.Providers.Poll;

/// <summary>
/// For providers with no push log (Bitbucket): every branch head, stored in a cursor as
/// <c>{"at": time, "heads": {branch: sha}}</c>, to tell new, moved and deleted heads.
/// A head that moved twice between two looks yields one push: Bitbucket's API keeps no record of the one in between.
/// </summary>
internal sealed record BranchHeads(DateTimeOffset? At, Dictionary<string, string> Heads)
{
    public static BranchHeads Read(PollStreamCursor? cursor)
    {
        if (cursor?.Cursor is not { Length: > 0 } text)
        {
            return new BranchHeads(null, new(StringComparer.Ordinal));
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(text);
            var heads = new Dictionary<string, string>(StringComparer.Ordinal);
            if (doc.RootElement.TryGetProperty("heads", out JsonElement h) && h.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty p in h.EnumerateObject())
                {
                    heads[p.Name] = p.Value.GetString() ?? string.Empty;
                }
            }

            return new BranchHeads(doc.RootElement.TryGetProperty("at", out JsonElement at) ? PollJson.ParseTime(at.GetString()) : null, heads);
        }
        catch (JsonException)
        {
            return new BranchHeads(null, new(StringComparer.Ordinal));
        }
    }

    public string Write() => JsonSerializer.Serialize(new { at = At is { } t ? PollJson.Time(t) : null, heads = Heads });
}
