namespace IntegrationHub.ProviderAccess.GitHubApps;

/// <summary>What a tenant types after registering its own GitHub App on its Enterprise Server, as a form posts it.</summary>
internal sealed record TenantGitHubAppInput(
    string? BaseUrl,
    string? AppId,
    string? Slug,
    string? ClientId,
    string? ClientSecret,
    string? PrivateKeyPem,
    string? WebhookSecret,
    string? CaBundlePem = null)
{
    public override string ToString() => $"TenantGitHubAppInput {{ BaseUrl = {BaseUrl}, AppId = {AppId}, Slug = {Slug}, ClientId = {ClientId}, secrets = *** }}";
}
