using IntegrationHub.ProviderAccess.GitHubApps;

namespace IntegrationHub.Connect;

/// <summary>The own GitHub App page's form as posted (settable, as static form binding needs); maps to <see cref="TenantGitHubAppInput"/>.</summary>
internal sealed class OwnGitHubAppForm
{
    public Guid? Id { get; set; }
    public string? BaseUrl { get; set; }
    public string? AppId { get; set; }
    public string? Slug { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string? PrivateKeyPem { get; set; }
    public string? WebhookSecret { get; set; }
    public string? CaBundlePem { get; set; }

    public static OwnGitHubAppForm From(TenantGitHubAppInput saved) => new()
    {
        Id = saved.Id, BaseUrl = saved.BaseUrl, AppId = saved.AppId, Slug = saved.Slug, ClientId = saved.ClientId, CaBundlePem = saved.CaBundlePem,
    };

    public TenantGitHubAppInput ToInput() => new(BaseUrl, AppId, Slug, ClientId, ClientSecret, PrivateKeyPem, WebhookSecret, CaBundlePem, Id);

    public override string ToString() => $"OwnGitHubAppForm {{ Id = {Id}, BaseUrl = {BaseUrl}, AppId = {AppId}, secrets = *** }}";
}
