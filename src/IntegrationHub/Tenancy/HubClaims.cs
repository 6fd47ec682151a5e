using IntegrationHub.Data;

namespace IntegrationHub.Tenancy;

public static class HubClaims
{
    /// <summary>The tenant the user is working in. Checked against memberships on every request, never trusted alone.</summary>
    public const string Tenant = "ihub:tenant";
}
