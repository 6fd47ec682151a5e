namespace IntegrationHub.Providers.Api;

/// <summary>
/// What an API client needs to talk for one connection. <paramref name="BaseUrl"/>: the instance (null = the public
/// SaaS instance); for Azure DevOps the organization or collection URL (<c>https://dev.azure.com/fabrikam</c>).
/// <paramref name="AccessToken"/>: OAuth access token or PAT. <see cref="ToString"/> never prints the token.
/// </summary>
public sealed record ProviderConnectionInfo(Uri? BaseUrl, string AccessToken)
{
    /// <summary>Bitbucket Data Center: restrict the connection to this project.</summary>
    public string? ProjectKey { get; init; }

    /// <summary>Bitbucket Data Center: restrict the connection to this repository of <see cref="ProjectKey"/>.</summary>
    public string? RepositorySlug { get; init; }

    public override string ToString() =>
        $"ProviderConnectionInfo {{ BaseUrl = {BaseUrl}, AccessToken = ***, ProjectKey = {ProjectKey}, RepositorySlug = {RepositorySlug} }}";
}
