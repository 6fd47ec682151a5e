using System.Security.Claims;
using IntegrationHub.Audit;
using IntegrationHub.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tenancy;

/// <summary>Sign-up, sign-in, tenant switching and sign-out, each audited.</summary>
public sealed class AccountService(
    HubDb db, UserManager<HubUser> users, SignInManager<HubUser> signIn, AuditLog audit, TenantScope scope, TimeProvider clock)
{
    public async Task<IReadOnlyList<string>> SignUpAsync(string email, string displayName, string password, string tenantName, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var user = new HubUser { Id = Guid.NewGuid(), UserName = email.Trim(), Email = email.Trim(), DisplayName = displayName.Trim(), CreatedAt = now };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return created.Errors.Select(e => e.Description).ToList();
        }

        var tenant = await CreateTenantAsync(tenantName, ct);
        db.Memberships.Add(new Membership { TenantId = tenant.Id, UserId = user.Id, Role = Roles.Owner, CreatedAt = now });
        audit.Record("account.signed_up", tenant.Id, target: $"tenant:{tenant.Slug}", actor: user.Email, actorUserId: user.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await SignInAsTenantAsync(user, tenant.Id);
        return [];
    }

    public async Task<Tenant> CreateTenantAsync(string name, CancellationToken ct)
    {
        string slug = SlugMaker.From(name);
        if (await db.Tenants.AnyAsync(t => t.Slug == slug, ct))
        {
            slug = $"{slug}-{Guid.NewGuid().ToString("n")[..6]}";
        }

        var tenant = new Tenant { Id = Guid.NewGuid(), Name = name.Trim(), Slug = slug, CreatedAt = clock.GetUtcNow() };
        db.Tenants.Add(tenant);
        return tenant;
    }

    /// <summary>Checks the password with lockout; on success signs in to the user's first tenant.</summary>
    public async Task<bool> SignInAsync(string email, string password, bool remember, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            return false;
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        var tenantId = await db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == user.Id)
            .OrderBy(m => m.CreatedAt).Select(m => (Guid?)m.TenantId).FirstOrDefaultAsync(ct);
        audit.Record(result.Succeeded ? "account.signed_in" : "account.sign_in_failed", tenantId,
            detail: result.IsLockedOut ? "locked out" : null, actor: user.Email, actorUserId: user.Id);
        await db.SaveChangesAsync(ct);
        if (result.Succeeded)
        {
            await SignInAsTenantAsync(user, tenantId, remember);
        }

        return result.Succeeded;
    }

    public async Task<bool> SwitchTenantAsync(Guid tenantId, CancellationToken ct)
    {
        if (scope.UserId is not { } userId
            || !await db.Memberships.IgnoreQueryFilters().AnyAsync(m => m.UserId == userId && m.TenantId == tenantId, ct))
        {
            return false;
        }

        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return false;
        }

        audit.Record("account.switched_tenant", tenantId);
        await db.SaveChangesAsync(ct);
        await SignInAsTenantAsync(user, tenantId);
        return true;
    }

    public async Task SignOutAsync(CancellationToken ct)
    {
        if (scope.UserId is not null)
        {
            audit.Record("account.signed_out", scope.TenantId);
            await db.SaveChangesAsync(ct);
        }

        await signIn.SignOutAsync();
    }

    private Task SignInAsTenantAsync(HubUser user, Guid? tenantId, bool remember = false) =>
        signIn.SignInWithClaimsAsync(user, remember, tenantId is null ? [] : [new Claim(HubClaims.Tenant, tenantId.Value.ToString())]);
}
