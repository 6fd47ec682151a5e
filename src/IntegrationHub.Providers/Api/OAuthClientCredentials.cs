namespace IntegrationHub.Providers.Api;

/// <summary>An OAuth application's id and secret (the platform's, or a tenant's own). <see cref="ToString"/> hides the secret.</summary>
public sealed record OAuthClientCredentials(string ClientId, string ClientSecret)
{
    public override string ToString() => $"OAuthClientCredentials {{ ClientId = {ClientId}, ClientSecret = *** }}";
}
