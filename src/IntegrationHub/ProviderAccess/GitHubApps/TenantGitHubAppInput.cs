namespace IntegrationHub.ProviderAccess.GitHubApps;

/// <summary>
/// What a tenant types after registering its own GitHub App on its Enterprise Server, as a form posts it. <see cref="Id"/>
/// names the app being edited (null: a new app, or the one the tenant already has at that base URL).
/// </summary>
internal sealed record TenantGitHubAppInput(
    string? BaseUrl,
    string? AppId,
    string? Slug,
    string? ClientId,
    string? ClientSecret,
    string? PrivateKeyPem,
    string? WebhookSecret,
    string? CaBundlePem = null,
    Guid? Id = null)
{
    public override string ToString() => $"TenantGitHubAppInput {{ Id = {Id}, BaseUrl = {BaseUrl}, AppId = {AppId}, Slug = {Slug}, ClientId = {ClientId}, secrets = *** }}";
}
