namespace IntegrationHub.Cli;

/// <summary>Which hub the API commands talk to, and with which key: <c>--hub</c>/<c>--key</c>, else IHUB_URL / IHUB_API_KEY.</summary>
internal sealed record HubTarget(Uri Url, string ApiKey)
{
    public const string UrlVariable = "IHUB_URL";
    public const string KeyVariable = "IHUB_API_KEY";

    public static HubTarget? TryCreate(string? hub, string? key, Func<string, string?> env, out string? error)
    {
        hub ??= env(UrlVariable);
        key ??= env(KeyVariable);
        if (string.IsNullOrWhiteSpace(hub) || !Uri.TryCreate(hub.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            error = $"no hub URL: pass --hub http://127.0.0.1:5080 or set {UrlVariable} (the local default prints both)";
            return null;
        }

        if (string.IsNullOrWhiteSpace(key))
        {
            error = $"no API key: pass --key ihub_... or set {KeyVariable} (create one in the dashboard under API keys)";
            return null;
        }

        error = null;
        return new HubTarget(new Uri(url.AbsoluteUri.TrimEnd('/') + "/"), key.Trim());
    }

    /// <summary>The hub only: a record would print the key, and nothing that may reach a log or an error should.</summary>
    public override string ToString() => Url.ToString();
}
