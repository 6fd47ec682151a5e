namespace IntegrationHub.Tenancy;

/// <summary>Authorization policy names; the policies themselves are built where the web host is composed.</summary>
public static class Policies
{
    /// <summary>Platform administrators only: the flag is read from the database on every request (TenantScopeMiddleware).</summary>
    public const string PlatformAdmin = "PlatformAdmin";

    /// <summary>Owners of the current tenant only (<see cref="OwnerOnly"/>); the role is read per request too.</summary>
    public const string TenantOwner = "TenantOwner";
}
