using Microsoft.AspNetCore.Identity;

namespace IntegrationHub.Data;

/// <summary>A person who signs in. Password hashing, lockout and security stamps are Identity's.</summary>
public sealed class HubUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>Platform admins see every tenant, but only on the admin pages.</summary>
    public bool IsPlatformAdmin { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
