using IntegrationHub.Providers;

namespace IntegrationHub.Connect;

/// <summary>What a connect flow starts from: the platform app, or a tenant's own app (client secret in memory only).</summary>
public sealed record OAuthStart(ProviderKind Kind, string AuthKind, Uri BaseUrl, string ClientId, string ClientSecret, string? CaBundlePem)
{
    public override string ToString() => $"OAuthStart {{ Kind = {Kind}, AuthKind = {AuthKind}, BaseUrl = {BaseUrl}, ClientId = {ClientId} }}";
}
