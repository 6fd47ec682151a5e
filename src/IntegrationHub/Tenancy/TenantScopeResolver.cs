using System.Security.Claims;
using IntegrationHub.Data;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tenancy;

/// <summary>
/// Fills <see cref="TenantScope"/> for a signed-in user. The tenant claim is only a preference: the user and the
/// memberships are read from the database each time, so a removed member or a revoked platform admin loses access at
/// once. Used per HTTP request (<see cref="TenantScopeMiddleware"/>) and per interactive circuit (<see cref="CircuitTenantScope"/>).
/// </summary>
internal static class TenantScopeResolver
{
    public static async Task ResolveAsync(ClaimsPrincipal user, HubDb db, TenantScope scope, CancellationToken ct)
    {
        if (user.Identity?.IsAuthenticated != true || !Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            scope.Clear();
            return;
        }

        var row = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.Email, u.DisplayName, u.IsPlatformAdmin })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            scope.Clear();
            return;
        }

        Guid.TryParse(user.FindFirstValue(HubClaims.Tenant), out var wanted);
        var memberships = await db.Memberships.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.UserId == userId)
            .OrderBy(m => m.CreatedAt)
            .Select(m => new { m.TenantId, m.Role, m.Tenant!.Name })
            .ToListAsync(ct);
        var current = memberships.FirstOrDefault(m => m.TenantId == wanted) ?? memberships.FirstOrDefault();
        scope.Set(userId, row.Email ?? row.DisplayName, row.IsPlatformAdmin, current?.TenantId, current?.Name, current?.Role);
    }
}
