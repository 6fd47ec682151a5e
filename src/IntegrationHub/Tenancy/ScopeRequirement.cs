using IntegrationHub.Data;
using Microsoft.AspNetCore.Authorization;

namespace IntegrationHub.Tenancy;

/// <summary>
/// A right read from the person's <see cref="TenantScope"/> (platform admin, owner of the current tenant), which is
/// resolved from the database per request and per circuit. The handler is scoped, so the same check works for an
/// endpoint (the request's scope) and for a page on an interactive circuit, where no HttpContext leads to the scope.
/// </summary>
internal sealed class ScopeRequirement(Func<TenantScope, bool> allows) : IAuthorizationRequirement
{
    public bool Allows(TenantScope scope) => allows(scope);

    internal sealed class Handler(TenantScope scope) : AuthorizationHandler<ScopeRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
        {
            if (context.User.Identity?.IsAuthenticated == true && requirement.Allows(scope))
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }
}
