using IntegrationHub.Data;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using IntegrationHub.Secrets;
using IntegrationHub.Settings;
using IntegrationHub.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Connect;

/// <summary>
/// Starts an authorization-code flow: PKCE S256 where the provider supports it, a pending row holding the verifier
/// (encrypted), a protected <c>state</c> bound to the user and tenant, and a correlation cookie for this browser.
/// The callback is <see cref="OAuthCallback"/>.
/// </summary>
public sealed class OAuthFlow(
    TenantScope scope, OAuthStateStore store, OAuthStateProtector states, ISecretProtector secrets, ProviderHttp http,
    IOptions<HubOptions> hub, IOptions<PlatformAppsOptions> platform, TimeProvider clock)
{
    public const string CookiePrefix = "ihub.oauth.";

    /// <summary>The exact redirect URI registered at the provider: one per provider, on the public base URL.</summary>
    public Uri CallbackUrl(ProviderKind kind) => new($"{hub.Value.PublicBaseUrl.TrimEnd('/')}/connect/{kind.ToSlug()}/callback");

    /// <summary>The platform app's start, or null when the operator has not configured one for this provider.</summary>
    public OAuthStart? Platform(ProviderKind kind)
    {
        var app = platform.Value.For(kind);
        if (app is null || !app.IsConfigured)
        {
            return null;
        }

        var descriptor = ProviderCatalog.For(kind).Descriptor;
        var baseUrl = string.IsNullOrWhiteSpace(app.BaseUrl) ? descriptor.DefaultBaseUrl! : new Uri(app.BaseUrl.TrimEnd('/'));
        return new OAuthStart(kind, AuthKinds.OAuthPlatform, baseUrl, app.ClientId!, app.ClientSecret!, null);
    }

    /// <summary>Reconnecting a stored OAuth connection reuses its application (platform or the tenant's own).</summary>
    public OAuthStart? ForReconnect(Connection c)
    {
        if (!ProviderSlugs.TryParse(c.Provider, out var kind))
        {
            return null;
        }

        if (c.AuthKind == AuthKinds.OAuthPlatform)
        {
            return Platform(kind);
        }

        return c.AuthKind == AuthKinds.OAuthTenant && c.ClientId is not null && c.ClientSecretProtected is not null
            ? new OAuthStart(kind, AuthKinds.OAuthTenant, new Uri(c.BaseUrl), c.ClientId, secrets.Unprotect(c.ClientSecretProtected), c.CaBundlePem)
            : null;
    }

    /// <summary>Saves the pending flow, sets the correlation cookie and returns where to send the person.</summary>
    public async Task<Uri> StartAsync(OAuthStart start, HttpContext context, CancellationToken ct)
    {
        OwnerOnly.Require(scope);
        Guid tenantId = scope.RequireTenant();
        Guid userId = scope.UserId ?? throw new InvalidOperationException("Sign in first.");
        var descriptor = ProviderCatalog.For(start.Kind).Descriptor;
        string? verifier = descriptor.SupportsPkce ? Pkce.CreateVerifier() : null;
        string correlation = SecretGenerator.New();
        var flowId = Guid.NewGuid();
        var redirect = CallbackUrl(start.Kind);
        await store.SaveAsync(new PendingAuthorization(flowId, tenantId, userId, start.Kind.ToSlug(), start.AuthKind, start.BaseUrl.AbsoluteUri.TrimEnd('/'),
            start.ClientId, start.AuthKind == AuthKinds.OAuthTenant ? secrets.Protect(start.ClientSecret) : null, start.CaBundlePem,
            verifier is null ? null : secrets.Protect(verifier), redirect.AbsoluteUri, clock.GetUtcNow() + OAuthStateStore.Lifetime), ct);

        SetCorrelationCookie(context, flowId, correlation);
        string state = states.Protect(flowId, tenantId, userId, correlation, start.WatchMode);
        var client = new OAuthTokenClient(http.For(start.CaBundlePem), descriptor, start.BaseUrl, new OAuthClientCredentials(start.ClientId, start.ClientSecret), clock);
        return client.BuildAuthorizeUrl(redirect, state, verifier is null ? null : Pkce.Challenge(verifier));
    }

    /// <summary>Ties the flow to this browser: the callback (under /connect) must come back with the cookie the state names.</summary>
    public static void SetCorrelationCookie(HttpContext context, Guid flowId, string correlation) =>
        context.Response.Cookies.Append(CookiePrefix + flowId.ToString("N"), correlation, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            // Lax: the provider's redirect back is a top-level GET, which carries Lax cookies.
            SameSite = SameSiteMode.Lax,
            Path = "/connect",
            MaxAge = OAuthStateStore.Lifetime,
            IsEssential = true,
        });
}
