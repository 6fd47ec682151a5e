using IntegrationHub.Data;
using IntegrationHub.ProviderAccess.GitHubApps;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using IntegrationHub.Secrets;
using Npgsql;

namespace IntegrationHub.ProviderAccess;

internal sealed class ConnectionApis(ProviderHttp http, ISecretProtector secrets, TokenRefresher refresher, InstallationApis installations, NpgsqlDataSource db, TimeProvider clock) : IConnectionApis
{
    public const string HttpClientName = "providers";

    public async Task<IProviderApi> ForAsync(Connection connection, CancellationToken ct)
    {
        var kind = Kind(connection.Provider);
        if (connection.AuthKind == AuthKinds.GitHubApp)
        {
            return await installations.ForAsync(connection.Id, connection.BaseUrl, connection.CaBundlePem, ct);
        }

        string? current = connection.AccessTokenProtected;
        if (current is null && connection.RefreshTokenProtected is null)
        {
            throw NoToken(kind);
        }

        if (refresher.IsDue(connection.RefreshTokenProtected, connection.AccessTokenExpiresAt))
        {
            current = await RefreshAsync(connection.Id, current, force: false, kind, ct);
        }

        var client = http.For(connection.CaBundlePem);
        IProviderApi Create(string? protectedToken) => ProviderCatalog.For(kind).CreateApi(client, Info(connection.BaseUrl, protectedToken, connection.ProjectKey, connection.RepositorySlug), clock);
        if (connection.RefreshTokenProtected is null)
        {
            return Create(current);
        }

        return new RefreshingProviderApi(Create(current), async token =>
        {
            current = await RefreshAsync(connection.Id, current, force: true, kind, token);
            return Create(current);
        });
    }

    public async Task<ProviderCredentials> CredentialsAsync(Guid connectionId, bool afterUnauthorized, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT provider, base_url, access_token_protected, refresh_token_protected, access_token_expires_at, ca_bundle_pem, project_key, repository_slug, auth_kind
            FROM connections WHERE id = $1
            """);
        cmd.Parameters.Add(new() { Value = connectionId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            throw new InvalidOperationException($"Connection {connectionId} does not exist.");
        }

        string? T(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var kind = Kind(r.GetString(0));
        string baseUrl = r.GetString(1);
        string? access = T(2);
        if (r.GetString(8) == AuthKinds.GitHubApp)
        {
            return await installations.CredentialsAsync(connectionId, baseUrl, T(5), afterUnauthorized, ct);
        }

        if (access is null && T(3) is null)
        {
            throw NoToken(kind);
        }

        string? caBundle = T(5), project = T(6), slug = T(7);
        if (afterUnauthorized || refresher.IsDue(T(3), r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4)))
        {
            access = await RefreshAsync(connectionId, access, afterUnauthorized, kind, ct);
        }

        return new ProviderCredentials(http.For(caBundle), Info(baseUrl, access, project, slug));
    }

    public Task<bool> UninstallAppAsync(Guid connectionId, CancellationToken ct) => installations.UninstallAsync(connectionId, ct);

    private async Task<string?> RefreshAsync(Guid id, string? stale, bool force, ProviderKind kind, CancellationToken ct)
    {
        try
        {
            return await refresher.RefreshAsync(id, stale, force, ct);
        }
        catch (OAuthException ex)
        {
            throw new ProviderApiException(kind, ProviderApiErrorKind.Unauthorized, $"{kind.ToSlug()}: the connection needs reauthorization ({ex.Error})");
        }
    }

    private ProviderConnectionInfo Info(string baseUrl, string? protectedToken, string? projectKey, string? repositorySlug) =>
        new(new Uri(baseUrl), protectedToken is { } p ? secrets.Unprotect(p) : "")
        {
            ProjectKey = projectKey,
            RepositorySlug = repositorySlug,
        };

    /// <summary>
    /// A webhook-only connection has no token; the schedulers leave it out, and this refuses anything that slipped
    /// through rather than calling the provider with an empty token.
    /// </summary>
    private static ProviderApiException NoToken(ProviderKind kind) => new(kind, ProviderApiErrorKind.Unauthorized,
        $"{kind.ToSlug()}: this connection has no token (webhook only); add one to let the hub call the provider");

    private static ProviderKind Kind(string provider) => ProviderSlugs.TryParse(provider, out var kind)
        ? kind
        : throw new InvalidOperationException($"Unknown provider '{provider}'.");
}
