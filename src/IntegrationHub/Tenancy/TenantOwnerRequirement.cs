using IntegrationHub.Data;
using Microsoft.AspNetCore.Authorization;

namespace IntegrationHub.Tenancy;

/// <summary>
/// Owners of the current tenant only (<see cref="OwnerOnly"/> holds the rule); a scoped handler like
/// <see cref="PlatformAdminRequirement"/>, so endpoints and circuit pages check it the same way.
/// </summary>
internal sealed class TenantOwnerRequirement : IAuthorizationRequirement
{
    internal sealed class Handler(TenantScope scope) : AuthorizationHandler<TenantOwnerRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TenantOwnerRequirement requirement)
        {
            if (scope.IsOwner && context.User.Identity?.IsAuthenticated == true)
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }
}
