namespace IntegrationHub.Outbound;

/// <summary>
/// A subscription URL for readers who may not see it whole (members, the audit log): scheme, host, port and path, the
/// query replaced by "?…". A receiver's token often rides in the query, which is why the API shows URLs to
/// subscriptions:write keys only.
/// </summary>
internal static class WebhookUrls
{
    public static string Redacted(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "(not a valid URL)";
        }

        string shown = uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        return uri.Query.Length > 1 ? shown + "?…" : shown;
    }
}
