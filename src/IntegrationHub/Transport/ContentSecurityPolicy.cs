using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Transport;

/// <summary>
/// The dashboard's Content-Security-Policy. Scripts come from this origin only (blazor.web.js, MudBlazor's bundle; never
/// inline), the circuit's WebSocket goes back to it (connect-src falls back to 'self', which covers ws: and wss: on the same
/// host), and there are no frames. MudBlazor sets style attributes and writes its theme as a style element, hence
/// inline styles (<see cref="Styles"/>): a style cannot run code, and nothing is loaded from elsewhere. A page whose forms end in a redirect to a provider (OAuth connect) names
/// that provider's origin: Chromium holds the redirects that follow a form submission to form-action as well.
/// https://www.w3.org/TR/CSP3/#directive-form-action
/// </summary>
public static class ContentSecurityPolicy
{
    public const string Base = "default-src 'self'; base-uri 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'";

    public const string Styles = "style-src 'self' 'unsafe-inline'";

    private static readonly object FormTargetsKey = new();

    /// <summary>Lets this response's forms lead to these origins (of absolute URLs) or schemes ("https:").</summary>
    public static void AllowFormTargets(HttpContext? http, IEnumerable<string> sources)
    {
        if (http is null)
        {
            return;
        }

        if (http.Items[FormTargetsKey] is not SortedSet<string> set)
        {
            set = new SortedSet<string>(StringComparer.Ordinal);
            http.Items[FormTargetsKey] = set;
        }

        foreach (string source in sources)
        {
            if (Normalize(source) is { } s)
            {
                set.Add(s);
            }
        }
    }

    private static readonly object ScriptNonceKey = new();

    /// <summary>
    /// The API reference page (/api/docs) is the one page that runs script: its own bundle from this origin and one
    /// inline bootstrap carrying this response's nonce. Its components set style attributes, hence inline styles there.
    /// Nothing is loaded from elsewhere (the bundle is served by the hub itself; the machine may be offline).
    /// </summary>
    public static void AllowScriptNonce(HttpContext http, string nonce)
    {
        if (nonce.Length is > 0 and <= 128 && nonce.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=' or '-' or '_'))
        {
            http.Items[ScriptNonceKey] = nonce;
        }
    }

    private static readonly object DataImagesAndFontsKey = new();

    /// <summary>
    /// Hangfire's dashboard (/admin/jobs) loads its scripts, styles and fonts from its own path on this origin (default-src
    /// 'self' covers them), but its icons are data: URIs: data: images and fonts are allowed there, and only there.
    /// Scripts stay 'self' only.
    /// </summary>
    public static void AllowDataImagesAndFonts(HttpContext http) => http.Items[DataImagesAndFontsKey] = true;

    public static string For(HttpContext http)
    {
        string policy = http.Items[FormTargetsKey] is SortedSet<string> { Count: > 0 } set ? $"{Base} {string.Join(' ', set)}" : Base;
        return http.Items[ScriptNonceKey] is string nonce
            ? $"{policy}; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'"
            : http.Items.ContainsKey(DataImagesAndFontsKey)
            ? $"{policy}; {Styles}; img-src 'self' data:; font-src 'self' data:"
            : $"{policy}; {Styles}";
    }

    // Only an origin or a bare scheme goes into the header: a path, quote or semicolon in a typed URL could not widen it.
    private static string? Normalize(string source)
    {
        if (source is "https:" or "http:")
        {
            return source;
        }

        return Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;
    }
}
