using System.Security.Claims;
using IntegrationHub.Data;
using IntegrationHub.Tenancy;
namespace IntegrationHub.Api;

/// <summary>
/// The API key behind a request, as the API key authentication put it in the principal: its tenant, its id and the
/// name its owner gave it (audit entries name the key). Only the authentication handler creates these claims.
/// </summary>
public sealed record ApiCaller(Guid TenantId, Guid KeyId, string KeyName)
{
    public const string KeyIdClaim = "ihub:api-key";
    public const string KeyNameClaim = "ihub:api-key-name";
    public const string ScopeClaim = "scope";

    public static ApiCaller From(ClaimsPrincipal user) => new(
        Guid.Parse(user.FindFirstValue(HubClaims.Tenant) ?? throw new InvalidOperationException("Not an API key request.")),
        Guid.Parse(user.FindFirstValue(KeyIdClaim) ?? throw new InvalidOperationException("Not an API key request.")),
        user.FindFirstValue(KeyNameClaim) ?? "");

    /// <summary>How audit entries name the key: "api key 'ci-bot'".</summary>
    public string Actor => $"api key '{KeyName}'";
}
