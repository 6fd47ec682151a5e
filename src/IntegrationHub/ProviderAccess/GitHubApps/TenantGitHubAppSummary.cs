namespace IntegrationHub.ProviderAccess.GitHubApps;

/// <summary>A tenant's own GitHub App as a page shows it: no secret, not even encrypted.</summary>
internal sealed record TenantGitHubAppSummary(Guid Id, string BaseUrl, long AppId, string Slug, string ClientId, bool HasCaBundle, DateTimeOffset UpdatedAt);
