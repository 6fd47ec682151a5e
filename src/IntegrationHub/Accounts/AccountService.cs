using System.Net;
using System.Security.Claims;
using IntegrationHub.Audit;
using IntegrationHub.Data;
using IntegrationHub.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Accounts;

/// <summary>
/// Sign-up (with a tenant of one's own, or through an invitation into the inviting tenant), sign-in, creating another
/// tenant, tenant switching and sign-out, each audited; sign-in and sign-up throttled.
/// </summary>
public sealed class AccountService(
    HubDb db, UserManager<HubUser> users, SignInManager<HubUser> signIn, IPasswordHasher<HubUser> hasher, AccountThrottle throttle,
    IOptions<SignUpOptions> signUp, InvitationAcceptor invitations, AuditLog audit, TenantScope scope, TimeProvider clock)
{
    /// <summary>Said for an e-mail already registered, so sign-up does not tell whether an account has it.</summary>
    public const string NotCreated = "An account could not be created with these details. If you already have one, sign in.";

    /// <summary>
    /// With <paramref name="invitation"/> (a link's token) the account joins the inviting tenant with the invited role
    /// and no tenant is created; the invitation admits its own e-mail when sign-up is by invitation, not when closed.
    /// </summary>
    public async Task<SignUpOutcome> SignUpAsync(string email, string displayName, string password, string? tenantName, string? invitation,
        IPAddress? from, CancellationToken ct)
    {
        if (signUp.Value.Mode == SignUpMode.Closed)
        {
            return new SignUpOutcome([], Refused: true);
        }

        if (throttle.SignUpAttempt(from, email) is { } wait)
        {
            return new SignUpOutcome([], RetryAfter: wait);
        }

        if (invitation is not null)
        {
            if (await invitations.SignUpProblemAsync(invitation, email, ct) is { } problem)
            {
                return new SignUpOutcome([problem]);
            }
        }
        else if (!signUp.Value.Admits(email))
        {
            return new SignUpOutcome([], Refused: true);
        }
        else if (string.IsNullOrWhiteSpace(tenantName))
        {
            return new SignUpOutcome(["Give your organisation (tenant) a name."]);
        }

        var now = clock.GetUtcNow();
        var user = new HubUser { Id = Guid.NewGuid(), UserName = email.Trim(), Email = email.Trim(), DisplayName = displayName.Trim(), CreatedAt = now };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // CreateAsync hashes the password before it looks for a duplicate, so both answers take a hash's time.
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return new SignUpOutcome(created.Errors
                .Select(e => e.Code is "DuplicateEmail" or "DuplicateUserName" ? NotCreated : e.Description).Distinct().ToList());
        }

        Guid tenantId;
        if (invitation is not null)
        {
            // The account and the membership commit together: a link used up meanwhile leaves no account behind.
            var joined = await invitations.AcceptAsync(invitation, user.Id, ct);
            if (joined.Refusal is { } refusal)
            {
                return new SignUpOutcome([refusal]);
            }

            tenantId = joined.Invitation!.TenantId;
            audit.Record("account.signed_up", tenantId, target: "invitation", actor: user.Email, actorUserId: user.Id);
        }
        else
        {
            var tenant = await CreateTenantAsync(tenantName!, ct);
            db.Memberships.Add(new Membership { TenantId = tenant.Id, UserId = user.Id, Role = Roles.Owner, CreatedAt = now });
            audit.Record("account.signed_up", tenant.Id, target: $"tenant:{tenant.Slug}", actor: user.Email, actorUserId: user.Id);
            tenantId = tenant.Id;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await SignInAsTenantAsync(user, tenantId);
        return new SignUpOutcome([]);
    }

    /// <summary>A signed-in person's new tenant: they become its owner and work in it from the next request.</summary>
    public async Task<Tenant?> CreateAnotherTenantAsync(string? name, CancellationToken ct)
    {
        name = name?.Trim();
        if (scope.UserId is not { } userId || string.IsNullOrEmpty(name) || name.Length > 200
            || await users.FindByIdAsync(userId.ToString()) is not { } user)
        {
            return null;
        }

        var tenant = await CreateTenantAsync(name, ct);
        db.Memberships.Add(new Membership { TenantId = tenant.Id, UserId = userId, Role = Roles.Owner, CreatedAt = clock.GetUtcNow() });
        audit.Record("tenant.created", tenant.Id, target: $"tenant:{tenant.Slug}");
        await db.SaveChangesAsync(ct);
        await SignInAsTenantAsync(user, tenant.Id);
        return tenant;
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

    /// <summary>
    /// Checks the password with lockout; on success signs in to the user's first tenant. An unknown e-mail goes through
    /// the same steps as a wrong password, with a decoy user that has no row (<see cref="DecoyPassword.User"/>): one
    /// password hash, Identity's look-ups and failed-count write, the memberships query and the audit row, so neither the
    /// answer nor the database work tells whether an account has the e-mail. A locked account still costs one hash.
    /// </summary>
    public async Task<SignInOutcome> SignInAsync(string email, string password, bool remember, IPAddress? from, CancellationToken ct)
    {
        if (throttle.SignInAttempt(from, email) is { } wait)
        {
            return new SignInOutcome(false, wait);
        }

        var user = await users.FindByEmailAsync(email.Trim());
        var checkedUser = user ?? DecoyPassword.User(hasher);
        SignInResult result;
        try
        {
            result = await signIn.CheckPasswordSignInAsync(checkedUser, password, lockoutOnFailure: true);
        }
        finally
        {
            if (user is null)
            {
                // Its failed-count write matched no row; untracked, it cannot fail the audit row's save below.
                db.Entry(checkedUser).State = EntityState.Detached;
            }
        }

        if (result.IsLockedOut || result.IsNotAllowed)
        {
            DecoyPassword.Verify(hasher, password); // refused before the hash: spend it anyway
        }

        bool succeeded = user is not null && result.Succeeded;
        if (!succeeded)
        {
            throttle.SignInFailed(email);
        }

        var tenantId = await db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == checkedUser.Id)
            .OrderBy(m => m.CreatedAt).Select(m => (Guid?)m.TenantId).FirstOrDefaultAsync(ct);
        audit.Record(succeeded ? "account.signed_in" : "account.sign_in_failed", tenantId,
            detail: user is null ? "unknown account" : result.IsLockedOut ? "locked out" : null,
            actor: user?.Email ?? email.Trim(), actorUserId: user?.Id);
        await db.SaveChangesAsync(ct);
        if (succeeded)
        {
            await SignInAsTenantAsync(checkedUser, tenantId, remember);
        }

        return new SignInOutcome(succeeded);
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
