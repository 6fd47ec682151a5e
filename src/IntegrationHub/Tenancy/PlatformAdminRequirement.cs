using IntegrationHub.Data;
using Microsoft.AspNetCore.Authorization;

namespace IntegrationHub.Tenancy;

/// <summary>
/// Platform administrators only, read from the scope's database-resolved flag. A scoped handler, so the same check
/// works for an endpoint (the request's scope) and for a page in an interactive circuit (the circuit's scope, where
/// there is no HttpContext to find the scope through).
/// </summary>
internal sealed class PlatformAdminRequirement : IAuthorizationRequirement
{
    internal sealed class Handler(TenantScope scope) : AuthorizationHandler<PlatformAdminRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PlatformAdminRequirement requirement)
        {
            if (scope.IsPlatformAdmin && context.User.Identity?.IsAuthenticated == true)
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }
}
