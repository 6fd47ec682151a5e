namespace IntegrationHub.Providers.Events;

/// <summary>
/// A delivery as it came off the wire: its headers (names compared case-insensitively, as HTTP does) and the raw body bytes,
/// untouched, because signatures are computed over exactly those bytes.
/// </summary>
public sealed class WebhookRequest
{
    private readonly Dictionary<string, string> _headers;

    /// <summary>Creates a request. For a header sent several times, pass its values joined with ", " as HTTP folding does.</summary>
    public WebhookRequest(IEnumerable<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body)
    {
        _headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, string value) in headers)
        {
            _headers[name] = value;
        }

        Body = body;
    }

    /// <summary>The raw body.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The header's value, or null when it is absent.</summary>
    public string? Header(string name) => _headers.TryGetValue(name, out string? value) ? value : null;

    /// <summary>The header's trimmed value, or null when it is absent or blank.</summary>
    public string? NonBlankHeader(string name) =>
        Header(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
