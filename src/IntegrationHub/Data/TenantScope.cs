namespace IntegrationHub.Data;

/// <summary>
/// Who is asking, for which tenant, resolved per request (and per interactive circuit) from the auth cookie and checked against memberships.
/// Outside a request (worker jobs) it is empty, and tenant-filtered queries return nothing: code that crosses
/// tenants must say so with IgnoreQueryFilters.
/// </summary>
public sealed class TenantScope
{
    public Guid? UserId { get; private set; }
    public Guid? TenantId { get; private set; }
    public string? TenantName { get; private set; }
    public string? Role { get; private set; }
    public bool IsPlatformAdmin { get; private set; }
    public string Actor { get; private set; } = "system";

    public bool HasTenant => TenantId is not null;

    public Guid RequireTenant() => TenantId ?? throw new InvalidOperationException("No tenant is selected for this request.");

    public void Set(Guid userId, string actor, bool isPlatformAdmin, Guid? tenantId, string? tenantName, string? role)
    {
        UserId = userId;
        Actor = actor;
        IsPlatformAdmin = isPlatformAdmin;
        TenantId = tenantId;
        TenantName = tenantName;
        Role = role;
    }

    /// <summary>Signed out, or the user no longer exists: nothing is granted.</summary>
    public void Clear()
    {
        UserId = null;
        Actor = "system";
        IsPlatformAdmin = false;
        TenantId = null;
        TenantName = null;
        Role = null;
    }

    /// <summary>The same person and tenant in another service scope (a dashboard operation's own DbContext).</summary>
    public void CopyFrom(TenantScope other)
    {
        UserId = other.UserId;
        Actor = other.Actor;
        IsPlatformAdmin = other.IsPlatformAdmin;
        TenantId = other.TenantId;
        TenantName = other.TenantName;
        Role = other.Role;
    }

    /// <summary>
    /// An API key's request: its tenant and nothing else. No user, no role and never platform admin, so dashboard
    /// checks find nothing to grant; this replaces whatever a cookie on the same request resolved.
    /// </summary>
    public void SetApiKey(Guid tenantId, string actor)
    {
        UserId = null;
        Actor = actor;
        IsPlatformAdmin = false;
        TenantId = tenantId;
        TenantName = null;
        Role = null;
    }
}
