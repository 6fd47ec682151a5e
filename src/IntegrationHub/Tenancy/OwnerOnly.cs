using IntegrationHub.Data;

namespace IntegrationHub.Tenancy;

/// <summary>
/// The one rule for roles. Owners change the tenant's settings: connect (OAuth, access tokens, own app, add a token),
/// disconnect, watch mode, watching a repository, sync mode, hook secret rotation, API keys, outbound webhooks
/// (create, change, delete, rotate, replay) and members and invitations. Members read every page and may do what
/// changes no setting and only asks the hub to do its job again: refresh discovery, retry failed hooks, retry a
/// clean-up, redeliver a delivery. Services call <see cref="Require"/> so any caller (an HTTP endpoint, a page, later
/// an interactive component) is refused; endpoints also carry <see cref="Policies.TenantOwner"/>.
/// </summary>
public static class OwnerOnly
{
    public const string Message = "Only an owner of this tenant can do this. Ask an owner of the tenant.";

    extension(TenantScope scope)
    {
        /// <summary>
        /// The person's role in the current tenant is owner. Platform admins are no owners of other tenants: the role
        /// comes from the membership alone.
        /// </summary>
        public bool IsOwner => scope.HasTenant && scope.Role == Roles.Owner;
    }

    /// <summary>
    /// Throws <see cref="OwnerOnlyException"/> (403) when a signed-in person who is not an owner asks. A caller that is
    /// no person has no role to check: an API key (the API is scoped by key, not by role), a worker job, a command.
    /// </summary>
    public static void Require(TenantScope scope)
    {
        if (scope.UserId is not null && !scope.IsOwner)
        {
            throw new OwnerOnlyException();
        }
    }
}
