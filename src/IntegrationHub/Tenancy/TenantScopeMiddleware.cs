using System.Security.Claims;
using IntegrationHub.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tenancy;

/// <summary>
/// Resolves <see cref="TenantScope"/> for a signed-in request. The tenant claim is only a preference: membership is read
/// from the database each time, so a removed member loses access at once.
/// </summary>
internal sealed class TenantScopeMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, HubDb db, TenantScope scope)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            var user = await db.Users.AsNoTracking()
                .Where(u => u.Id == userId)
                .Select(u => new { u.Email, u.DisplayName, u.IsPlatformAdmin })
                .FirstOrDefaultAsync(context.RequestAborted);
            if (user is not null)
            {
                Guid.TryParse(context.User.FindFirstValue(HubClaims.Tenant), out var wanted);
                var memberships = await db.Memberships.IgnoreQueryFilters().AsNoTracking()
                    .Where(m => m.UserId == userId)
                    .OrderBy(m => m.CreatedAt)
                    .Select(m => new { m.TenantId, m.Role, m.Tenant!.Name })
                    .ToListAsync(context.RequestAborted);
                var current = memberships.FirstOrDefault(m => m.TenantId == wanted) ?? memberships.FirstOrDefault();
                scope.Set(userId, user.Email ?? user.DisplayName, user.IsPlatformAdmin, current?.TenantId, current?.Name, current?.Role);
            }
        }

        await next(context);
    }
}
