using IntegrationHub.Providers;

namespace IntegrationHub.Connect;

/// <summary>What a connect flow starts from: the platform app, or a tenant's own app (client secret in memory only).</summary>
public sealed record OAuthStart(ProviderKind Kind, string AuthKind, Uri BaseUrl, string ClientId, string ClientSecret, string? CaBundlePem)
{
    /// <summary>The watch mode chosen on the form; null for a Reconnect, which keeps the stored one.</summary>
    public string? WatchMode { get; init; }

    public override string ToString() => $"OAuthStart {{ Kind = {Kind}, AuthKind = {AuthKind}, BaseUrl = {BaseUrl}, ClientId = {ClientId} }}";
}
