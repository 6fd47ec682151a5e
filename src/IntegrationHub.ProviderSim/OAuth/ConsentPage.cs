using System.Net;

namespace IntegrationHub.ProviderSim.OAuth;

/// <summary>A plain HTML consent form (no JavaScript) that posts back to the authorize URL with Approve or Deny.</summary>
internal static class ConsentPage
{
    public static string Render(string providerName, string clientId, string login, IReadOnlyList<string> scopes, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var hidden = string.Concat(fields.Select(f =>
            $"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(f.Key)}\" value=\"{WebUtility.HtmlEncode(f.Value)}\">"));
        var scopeList = string.Concat(scopes.Select(s => $"<li>{WebUtility.HtmlEncode(s)}</li>"));
        return $$"""
            <!doctype html>
            <html><head><meta charset="utf-8"><title>Authorize application - {{WebUtility.HtmlEncode(providerName)}} (simulated)</title></head>
            <body>
            <h1>Authorize {{WebUtility.HtmlEncode(clientId)}}</h1>
            <p>{{WebUtility.HtmlEncode(providerName)}} (simulated) — the application asks for:</p>
            <ul>{{scopeList}}</ul>
            <form method="post">
            {{hidden}}
            <label>Sign in as <input name="login" value="{{WebUtility.HtmlEncode(login)}}"></label>
            <button type="submit" name="decision" value="approve">Approve</button>
            <button type="submit" name="decision" value="deny">Deny</button>
            </form>
            </body></html>
            """;
    }
}
