using IntegrationHub.Addresses;
using IntegrationHub.Audit;
using IntegrationHub.Cleanup;
using IntegrationHub.Data;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using IntegrationHub.Secrets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Connect;

/// <summary>
/// Finishes a connect flow. In order: the state must unprotect, belong to the signed-in user and tenant, match this
/// browser's correlation cookie, and consume its pending row (once, within 10 minutes); then provider errors are shown,
/// the base URL is checked again, the code is exchanged with the PKCE verifier, the account is read, and only then is
/// anything stored. Every refusal stores nothing but an audit line.
/// </summary>
public sealed partial class OAuthCallback(
    TenantScope scope, CallbackStateCheck check, ISecretProtector secrets, ProviderHttp http,
    BaseUrlGuard guard, ConnectionWriter writer, AuditLog audit, HubDb db, IOptions<PlatformAppsOptions> platform, TimeProvider clock,
    ILogger<OAuthCallback> log)
{
    /// <summary>Where to send the person next: the integrations page with the new connection, or with an error key.</summary>
    public async Task<string> CompleteAsync(string slug, HttpContext context, CancellationToken ct)
    {
        if (!ProviderSlugs.TryParse(slug, out var kind) || !ProviderCatalog.For(kind).Descriptor.SupportsOAuth)
        {
            return Fail(slug, ConnectErrors.StateInvalid);
        }

        var query = context.Request.Query;
        var (state, pending, error) = await check.ConsumeAsync(context, slug, ct);
        if (error is not null || state is null || pending is null)
        {
            return await RefuseAsync(slug, error ?? ConnectErrors.StateInvalid, ct);
        }

        if (!string.IsNullOrEmpty(query["error"]))
        {
            var refused = OAuthException.FromCallback(kind, query["error"].ToString(), query["error_description"]);
            return await RefuseAsync(slug, refused.Error, ct);
        }

        var descriptor = ProviderCatalog.For(kind).Descriptor;
        if (string.IsNullOrEmpty(query["code"]))
        {
            return await RefuseAsync(slug, ConnectErrors.CodeMissing, ct);
        }

        if (descriptor.SupportsPkce && pending.CodeVerifierProtected is null)
        {
            return await RefuseAsync(slug, ConnectErrors.PkceMissing, ct);
        }

        var baseUrl = new Uri(pending.BaseUrl);
        // Checked again now, not only when typed: the name may resolve elsewhere by the time the hub connects.
        if (pending.AuthKind == AuthKinds.OAuthTenant && await guard.RefusalAsync(baseUrl.Host, baseUrl.Port, ct) is not null)
        {
            return await RefuseAsync(slug, ConnectErrors.BaseUrlRefused, ct);
        }

        // The operator's platform app may have lost its secret since the flow started: say so rather than fail with a 500.
        string? clientSecret = pending.ClientSecretProtected is { } p ? secrets.Unprotect(p) : platform.Value.For(kind)?.ClientSecret;
        if (string.IsNullOrEmpty(clientSecret))
        {
            return await RefuseAsync(slug, ConnectErrors.NotConfigured, ct);
        }

        using var calls = ProviderCallScope.Begin(kind, ProviderOperations.Connect);
        var httpClient = http.For(pending.CaBundlePem);
        var tokenClient = new OAuthTokenClient(httpClient, descriptor, baseUrl, new OAuthClientCredentials(pending.ClientId, clientSecret), clock);
        OAuthTokens? tokens = null;
        try
        {
            tokens = await tokenClient.ExchangeCodeAsync(query["code"].ToString(), new Uri(pending.RedirectUri),
                pending.CodeVerifierProtected is { } v ? secrets.Unprotect(v) : null, ct);
            var user = await ProviderCatalog.For(kind).CreateApi(httpClient, new ProviderConnectionInfo(baseUrl, tokens.AccessToken), clock).GetCurrentUserAsync(ct);
            var granted = tokens.GrantedScopes.Count > 0 ? tokens.GrantedScopes : user.GrantedScopes ?? [];
            // Fails closed: GitHub, GitLab and Bitbucket Cloud all report the granted scopes (token answer or X-OAuth-Scopes),
            // so an empty list means nothing was granted, not "unknown".
            var missing = descriptor.Scopes.Where(s => !granted.Contains(s)).ToList();
            if (missing.Count > 0)
            {
                return await RefuseAsync(slug, ConnectErrors.MissingScope, ct, string.Join(' ', missing));
            }

            var (connection, _) = await writer.UpsertAsync(new ConnectionDraft(slug, pending.BaseUrl, pending.AuthKind, user.Id, user.Login,
                $"{descriptor.DisplayName} · {user.Login}", granted)
            {
                ClientId = pending.AuthKind == AuthKinds.OAuthTenant ? pending.ClientId : null,
                ClientSecret = pending.AuthKind == AuthKinds.OAuthTenant ? clientSecret : null,
                AccessToken = tokens.AccessToken,
                RefreshToken = tokens.RefreshToken,
                ExpiresAt = tokens.ExpiresAt,
                CaBundlePem = pending.CaBundlePem,
                WatchMode = state.WatchMode, // from the protected state: the callback's own query cannot change it
            }, ct);
            Connected(log, slug, connection.Id);
            return $"/integrations?connected={connection.Id}";
        }
        catch (ConnectionRevokedException ex)
        {
            // The writer audited the attempt. The token just issued is not kept, so it should not stay live either.
            await RevokeQuietlyAsync(tokenClient, tokens, ct);
            Refused(log, slug, ConnectErrors.Revoked);
            return Fail(slug, ConnectErrors.Revoked, ex.ConnectionId.ToString());
        }
        catch (OAuthException ex)
        {
            return await RefuseAsync(slug, ex.Error, ct);
        }
        catch (ProviderApiException ex)
        {
            return await RefuseAsync(slug, ex.Kind == ProviderApiErrorKind.Network ? ConnectErrors.ForNetwork(ex)
                : ex.Kind is ProviderApiErrorKind.Unauthorized or ProviderApiErrorKind.Forbidden ? ConnectErrors.MissingScope : ConnectErrors.ProviderFailed, ct);
        }
    }

    private static async Task RevokeQuietlyAsync(OAuthTokenClient client, OAuthTokens? tokens, CancellationToken ct)
    {
        try
        {
            if (tokens is not null)
            {
                await client.RevokeAsync(tokens.AccessToken, ct);
            }
        }
        catch (Exception ex) when (ex is OAuthException or ProviderApiException)
        {
            // Best effort: the refusal stands whether or not the provider took the token back.
        }
    }

    private async Task<string> RefuseAsync(string slug, string error, CancellationToken ct, string? detail = null)
    {
        Refused(log, slug, error);
        if (scope.TenantId is { } tenantId)
        {
            audit.Record("connection.connect_refused", tenantId, target: slug, detail: detail is null ? error : $"{error}: {detail}");
            await db.SaveChangesAsync(ct);
        }

        return Fail(slug, error, detail);
    }

    private static string Fail(string slug, string error, string? detail = null) =>
        $"/integrations?error={Uri.EscapeDataString(error)}&provider={Uri.EscapeDataString(slug)}"
        + (detail is null ? "" : "&detail=" + Uri.EscapeDataString(detail));

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected {Provider} as connection {ConnectionId}")]
    private static partial void Connected(ILogger logger, string provider, Guid connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a {Provider} connect callback: {Error}")]
    private static partial void Refused(ILogger logger, string provider, string error);
}
