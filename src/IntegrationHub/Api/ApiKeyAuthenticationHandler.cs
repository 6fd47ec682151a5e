using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using IntegrationHub.Data;
using IntegrationHub.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Api;

/// <summary>
/// <c>Authorization: Bearer ihub_...</c>: finds the key by the SHA-256 of what was sent, refuses revoked keys, puts the
/// key's tenant and scopes in the principal and into the request's <see cref="TenantScope"/> (so HubDb's query filters
/// confine every API query to that tenant), and counts the use. Failures answer 401 ProblemDetails with
/// <c>WWW-Authenticate: Bearer</c>; a missing scope answers 403 naming it.
/// </summary>
internal sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, ApiKeyUsage usage)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private const string BearerPrefix = "Bearer ";
    private string? _failure;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        string presented = header[BearerPrefix.Length..].Trim();
        if (!ApiKeyFormat.LooksValid(presented))
        {
            return Refuse("The API key is malformed: expected 'ihub_' followed by 43 characters.");
        }

        byte[] hash = ApiKeyFormat.HashOf(presented);
        var db = Context.RequestServices.GetRequiredService<HubDb>();
        // Authentication decides the tenant, so this one lookup necessarily looks across tenants.
        var key = await db.ApiKeys.IgnoreQueryFilters().AsNoTracking()
            .Where(k => k.Hash == hash)
            .Select(k => new { k.Id, k.TenantId, k.Name, k.Hash, k.Scopes, k.RevokedAt })
            .FirstOrDefaultAsync(Context.RequestAborted);
        // The index finds the row by equality; comparing the stored hash again in constant time keeps the decision
        // itself free of timing differences whatever the database did.
        if (key is null || !CryptographicOperations.FixedTimeEquals(key.Hash, hash))
        {
            return Refuse("The API key is not valid.");
        }

        if (key.RevokedAt is not null)
        {
            LogRevokedKeyUsed(Logger, key.Id);
            return Refuse("The API key has been revoked.");
        }

        var caller = new ApiCaller(key.TenantId, key.Id, key.Name);
        List<Claim> claims =
        [
            new(HubClaims.Tenant, key.TenantId.ToString()),
            new(ApiCaller.KeyIdClaim, key.Id.ToString()),
            new(ApiCaller.KeyNameClaim, key.Name),
            .. key.Scopes.Select(s => new Claim(ApiCaller.ScopeClaim, s)),
        ];
        Context.RequestServices.GetRequiredService<TenantScope>().SetApiKey(key.TenantId, caller.Actor);
        await usage.CountAsync(key.Id, Context.RequestAborted);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = _failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized",
            _failure ?? "Send an API key of this tenant as 'Authorization: Bearer ihub_...'. Keys are made on the dashboard's API keys page.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        // The endpoint's policies that are scopes, less the scopes the key holds: what the owner must grant.
        var held = Context.User.FindAll(ApiCaller.ScopeClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var missing = (Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>() ?? [])
            .Select(a => a.Policy)
            .OfType<string>()
            .Where(p => ApiScopes.All.Contains(p) && !held.Contains(p))
            .Distinct()
            .ToList();
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", missing.Count > 0
            ? $"This API key lacks the scope {string.Join(", ", missing)}. Create a key with it on the API keys page."
            : "This API key may not do this.");
    }

    private AuthenticateResult Refuse(string reason)
    {
        _failure = reason;
        return AuthenticateResult.Fail(reason);
    }

    private Task WriteProblemAsync(int status, string title, string detail) =>
        Response.WriteAsJsonAsync(new ProblemDetails { Status = status, Title = title, Detail = detail }, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", Context.RequestAborted);

    [LoggerMessage(Level = LogLevel.Information, Message = "A revoked API key {KeyId} was presented.")]
    private static partial void LogRevokedKeyUsed(ILogger logger, Guid keyId);
}
