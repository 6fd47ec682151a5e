using IntegrationHub.Addresses;
using IntegrationHub.Cleanup;
using IntegrationHub.Data;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using IntegrationHub.Tenancy;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Connect;

/// <summary>
/// Connections made with a personal access token (Azure DevOps; Bitbucket Data Center with a token; GitHub and GitLab
/// besides OAuth): the base URL is checked, the token is validated against the provider on submit (who it is, and that
/// it can do what the hub needs), and only a token that works is stored. Such a connection has no refresh token: it
/// works until the token expires or is revoked; a new token for the same account, pasted on the same form, updates the
/// same connection (<see cref="ConnectionWriter"/> matches provider, instance and account).
/// </summary>
public sealed partial class PatConnector(BaseUrlGuard guard, ProviderHttp http, ConnectionWriter writer, TokenScopeCheck scopes, TenantScope scope, TimeProvider clock,
    ILogger<PatConnector> log)
{
    /// <summary>
    /// GitHub (github.com or Enterprise Server) or GitLab (gitlab.com or self-managed) with a personal, project or group
    /// access token. An empty <paramref name="typedBaseUrl"/> means the public instance; the API root typed instead of
    /// the instance (<c>https://ghe.example.com/api/v3</c>, <c>…/api/v4</c>) is accepted too. <paramref name="watch"/> is
    /// the form's <see cref="WatchChoice"/>.
    /// </summary>
    public async Task<(Connection? Connection, string? Error)> ConnectWithScopedTokenAsync(
        ProviderKind kind, string? typedBaseUrl, string? pat, string? caBundlePem, string? watch, CancellationToken ct)
    {
        OwnerOnly.Require(scope);
        if (!WatchChoice.TryRead(watch, out var watchMode))
        {
            return (null, WatchChoice.Refusal + " Nothing was stored.");
        }

        var descriptor = ProviderCatalog.For(kind).Descriptor;
        if (descriptor.PatScopes.Count == 0 || descriptor.DefaultBaseUrl is not { } cloud)
        {
            return (null, $"{descriptor.DisplayName} does not connect with a scoped access token here.");
        }

        var (url, error) = await guard.CheckAsync(InstanceOf(descriptor, string.IsNullOrWhiteSpace(typedBaseUrl) ? cloud.AbsoluteUri : typedBaseUrl), ct);
        if (url is null)
        {
            return (null, error);
        }

        string? ca = string.IsNullOrWhiteSpace(caBundlePem) ? null : caBundlePem.Trim();
        if (ca is not null && CaBundleTrust.Parse(ca).Error is { } caError)
        {
            return (null, caError);
        }

        if (string.IsNullOrWhiteSpace(pat))
        {
            return (null, "Enter an access token.");
        }

        var (check, problem) = await scopes.CheckAsync(kind, url, pat.Trim(), ca, ct);
        return check is null ? (null, problem) : await StoreAsync(kind, url, pat, check, new(null, null, ca, watchMode), ct);
    }

    public async Task<(Connection? Connection, string? Error)> ConnectAzureDevOpsAsync(string? organizationUrl, string? pat, string? watch, CancellationToken ct)
    {
        OwnerOnly.Require(scope);
        if (!WatchChoice.TryRead(watch, out var watchMode))
        {
            return (null, WatchChoice.Refusal + " Nothing was stored.");
        }

        var (url, error) = await guard.CheckAsync(organizationUrl, ct);
        if (url is null)
        {
            return (null, error);
        }

        if (url.AbsolutePath.Trim('/').Length == 0)
        {
            return (null, "Enter the organization URL, for example https://dev.azure.com/fabrikam.");
        }

        return await ValidateAndStoreAsync(ProviderKind.AzureDevOps, url, pat, new(null, null, null, watchMode), ct);
    }

    public async Task<(Connection? Connection, string? Error)> ConnectBitbucketDcAsync(
        Uri baseUrl, string projectKey, string repositorySlug, string? pat, string? caBundlePem, CancellationToken ct)
    {
        OwnerOnly.Require(scope); // before the provider is called with the token
        // One repository, named on the form: there is nothing to choose among, so it is watched.
        return await ValidateAndStoreAsync(ProviderKind.BitbucketDataCenter, baseUrl, pat, new(projectKey, repositorySlug, caBundlePem, null), ct);
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

        using var calls = ProviderCallScope.Begin(kind, ProviderOperations.Connect);
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

    private async Task<(Connection?, string?)> ValidateAndStoreAsync(ProviderKind kind, Uri baseUrl, string? pat, PatTarget target, CancellationToken ct)
    {
        var (check, error) = await CheckAsync(kind, baseUrl, pat, target.ProjectKey, target.Slug, target.CaBundlePem, ct);
        return check is null || pat is null ? (null, error) : await StoreAsync(kind, baseUrl, pat, check, target, ct);
    }

    private async Task<(Connection?, string?)> StoreAsync(ProviderKind kind, Uri baseUrl, string pat, PatCheck check, PatTarget target, CancellationToken ct)
    {
        var (projectKey, slug, caBundlePem, watchMode) = target;
        var descriptor = ProviderCatalog.For(kind).Descriptor;
        var user = check.User;
        string account = kind == ProviderKind.BitbucketDataCenter ? $"{user.Id}:{projectKey}/{slug}" : user.Id;
        try
        {
            var (connection, _) = await writer.UpsertAsync(new ConnectionDraft(kind.ToSlug(), baseUrl.AbsoluteUri.TrimEnd('/'), AuthKinds.Pat, account, user.Login,
                kind == ProviderKind.BitbucketDataCenter ? $"{descriptor.DisplayName} · {projectKey}/{slug}" : $"{descriptor.DisplayName} · {user.Login}",
                check.Scopes ?? (descriptor.PatScopes.Count > 0 ? [] : descriptor.Scopes))
            {
                AccessToken = pat.Trim(),
                ExpiresAt = check.ExpiresAt,
                CaBundlePem = caBundlePem,
                ProjectKey = projectKey,
                RepositorySlug = slug,
                WatchMode = watchMode,
            }, ct);
            LogConnected(kind.ToSlug(), connection.Id);
            return (connection, null);
        }
        catch (ConnectionRevokedException ex)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>The instance's base URL when the API root was typed (GitHub Enterprise's /api/v3, GitLab's /api/v4).</summary>
    private static string InstanceOf(ProviderDescriptor descriptor, string typed)
    {
        string trimmed = typed.Trim().TrimEnd('/');
        string apiPath = descriptor.EndpointsFor(new Uri("https://instance.invalid")).ApiRoot.AbsolutePath.TrimEnd('/');
        return apiPath.Length > 1 && trimmed.EndsWith(apiPath, StringComparison.OrdinalIgnoreCase) ? trimmed[..^apiPath.Length] : trimmed;
    }

    /// <summary>Where a token connection points besides its instance, and the watch mode chosen on its form.</summary>
    private sealed record PatTarget(string? ProjectKey, string? Slug, string? CaBundlePem, string? WatchMode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected {Provider} with an access token as connection {ConnectionId}")]
    private partial void LogConnected(string provider, Guid connectionId);
}
