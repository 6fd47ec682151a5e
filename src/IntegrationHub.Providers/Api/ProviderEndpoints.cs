namespace IntegrationHub.Providers.Api;

/// <summary>Where to call, derived from a connection's base URL by <see cref="ProviderDescriptor.EndpointsFor"/>.</summary>
/// <param name="ApiRoot">REST root without a trailing slash, e.g. <c>https://api.github.com</c> or <c>https://gitlab.example.com/api/v4</c>.</param>
/// <param name="AuthorizeUrl">OAuth authorize endpoint; null when the provider is PAT-only here.</param>
/// <param name="TokenUrl">OAuth token endpoint; null when the provider is PAT-only here.</param>
/// <param name="RevokeUrl">RFC 7009 revoke endpoint when there is one (GitLab); GitHub's lives under the API root.</param>
public sealed record ProviderEndpoints(Uri ApiRoot, Uri? AuthorizeUrl, Uri? TokenUrl, Uri? RevokeUrl);
