using IntegrationHub.Addresses;
using IntegrationHub.Cleanup;
using IntegrationHub.Data;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using IntegrationHub.Tenancy;

namespace IntegrationHub.Connect;

/// <summary>
/// Connections made with a personal access token (Azure DevOps; Bitbucket Data Center with a token): the base URL is
/// checked, the token is validated against the provider on submit (who it is, and that it can do what the hub needs),
/// and only a token that works is stored.
/// </summary>
public sealed class PatConnector(BaseUrlGuard guard, ProviderHttp http, ConnectionWriter writer, TenantScope scope, TimeProvider clock)
{
    public async Task<(Connection? Connection, string? Error)> ConnectAzureDevOpsAsync(string? organizationUrl, string? pat, CancellationToken ct)
    {
        OwnerOnly.Require(scope);
        var (url, error) = await guard.CheckAsync(organizationUrl, ct);
        if (url is null)
        {
            return (null, error);
        }

        if (url.AbsolutePath.Trim('/').Length == 0)
        {
            return (null, "Enter the organization URL, for example https://dev.azure.com/fabrikam.");
        }

        return await ValidateAndStoreAsync(ProviderKind.AzureDevOps, url, pat, null, null, null, ct);
    }

    public async Task<(Connection? Connection, string? Error)> ConnectBitbucketDcAsync(
        Uri baseUrl, string projectKey, string repositorySlug, string? pat, string? caBundlePem, CancellationToken ct)
    {
        OwnerOnly.Require(scope); // before the provider is called with the token
        return await ValidateAndStoreAsync(ProviderKind.BitbucketDataCenter, baseUrl, pat, projectKey, repositorySlug, caBundlePem, ct);
    }

    /// <summary>
    /// Asks the provider who the token belongs to and whether it can do what the hub needs; stores nothing. For Bitbucket
    /// Data Center the repository is read too (with its real id), and its hooks: reading them needs repository admin,
    /// as managing them does.
    /// </summary>
    public async Task<(PatCheck? Check, string? Error)> CheckAsync(
        ProviderKind kind, Uri baseUrl, string? pat, string? projectKey, string? slug, string? caBundlePem, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(pat))
        {
            return (null, "Enter a personal access token.");
        }

        var api = ProviderCatalog.For(kind).CreateApi(http.For(caBundlePem), new ProviderConnectionInfo(baseUrl, pat.Trim())
        {
            ProjectKey = projectKey,
            RepositorySlug = slug,
        }, clock);
        try
        {
            var user = await api.GetCurrentUserAsync(ct);
            var page = await api.ListRepositoriesAsync(null, ct);
            if (kind != ProviderKind.BitbucketDataCenter)
            {
                return (new PatCheck(user, null, []), null);
            }

            var repo = page.Items.FirstOrDefault()
                ?? throw new ProviderApiException(kind, ProviderApiErrorKind.NotFound, "repository not found");
            return (new PatCheck(user, repo, await api.Hooks.ListAsync(repo.Ref, ct)), null);
        }
        catch (ProviderApiException ex)
        {
            return (null, ex.Kind switch
            {
                ProviderApiErrorKind.Unauthorized => "The provider did not accept this token. Check that it is complete and has not expired.",
                ProviderApiErrorKind.Forbidden => kind == ProviderKind.AzureDevOps
                    ? "The token lacks a permission the hub needs: Code (read, write and status) and Project & Team (read)."
                    : "The token lacks repository admin rights on this repository, which the hub needs to manage its webhook.",
                ProviderApiErrorKind.NotFound => "The provider does not know this organization, project or repository, or the token cannot see it.",
                ProviderApiErrorKind.Network => ConnectErrors.PlainWords(ConnectErrors.ForNetwork(ex)),
                _ => "The provider answered in a way the hub could not use. Try again in a few minutes.",
            });
        }
    }

    private async Task<(Connection?, string?)> ValidateAndStoreAsync(
        ProviderKind kind, Uri baseUrl, string? pat, string? projectKey, string? slug, string? caBundlePem, CancellationToken ct)
    {
        var (check, error) = await CheckAsync(kind, baseUrl, pat, projectKey, slug, caBundlePem, ct);
        if (check is null || pat is null)
        {
            return (null, error);
        }

        var descriptor = ProviderCatalog.For(kind).Descriptor;
        var user = check.User;
        string account = kind == ProviderKind.BitbucketDataCenter ? $"{user.Id}:{projectKey}/{slug}" : user.Id;
        try
        {
            var (connection, _) = await writer.UpsertAsync(new ConnectionDraft(kind.ToSlug(), baseUrl.AbsoluteUri.TrimEnd('/'), AuthKinds.Pat, account, user.Login,
                kind == ProviderKind.BitbucketDataCenter ? $"{descriptor.DisplayName} · {projectKey}/{slug}" : $"{descriptor.DisplayName} · {user.Login}",
                descriptor.Scopes)
            {
                AccessToken = pat.Trim(),
                CaBundlePem = caBundlePem,
                ProjectKey = projectKey,
                RepositorySlug = slug,
            }, ct);
            return (connection, null);
        }
        catch (ConnectionRevokedException ex)
        {
            return (null, ex.Message);
        }
    }
}
