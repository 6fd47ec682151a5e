using IntegrationHub.Audit;
using IntegrationHub.Data;
using IntegrationHub.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Accounts;

/// <summary>
/// Reads and accepts invitation links. A link joins the tenant it was made in, with its role, and only for an account
/// whose e-mail is the invited one (case-insensitive); an expired, used or revoked link changes nothing.
/// </summary>
public sealed class InvitationAcceptor(HubDb db, AuditLog audit, TimeProvider clock)
{
    public async Task<InvitationLook?> FindAsync(string? token, CancellationToken ct)
    {
        if (InviteTokens.HashOf(token) is not { } hash)
        {
            return null;
        }

        // The link arrives without a tenant (its visitor may have none yet), so the look-up crosses tenants by the hash.
        var invitation = await db.Invitations.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        return invitation is null || !InviteTokens.Same(invitation.TokenHash, hash) ? null : await LookAsync(invitation, ct);
    }

    /// <summary>Why a sign-up through this link cannot join (null: it can), before an account is made for it.</summary>
    public async Task<string?> SignUpProblemAsync(string token, string email, CancellationToken ct) =>
        await FindAsync(token, ct) is not { } look ? AcceptOutcome.NotValid
        : look.Refusal ?? (look.IsFor(email) ? null : $"This invitation is for {look.Email}: sign up with that e-mail address.");

    /// <summary>
    /// Joins <paramref name="userId"/> to the invitation's tenant. Runs in the caller's transaction when there is one
    /// (sign-up creates the account in it), and locks the invitation's row so two accepts at once use it once.
    /// </summary>
    public async Task<AcceptOutcome> AcceptAsync(string? token, Guid userId, CancellationToken ct)
    {
        if (InviteTokens.HashOf(token) is not { } hash)
        {
            return AcceptOutcome.NotFound;
        }

        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var invitation = await db.Invitations.FromSql($"SELECT * FROM invitations WHERE token_hash = {hash} FOR UPDATE")
            .IgnoreQueryFilters().FirstOrDefaultAsync(ct);
        if (invitation is null || !InviteTokens.Same(invitation.TokenHash, hash))
        {
            return AcceptOutcome.NotFound;
        }

        var look = await LookAsync(invitation, ct);
        string? email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);
        if (look.Refusal is { } refusal)
        {
            return new AcceptOutcome(look, refusal);
        }

        if (!look.IsFor(email))
        {
            return new AcceptOutcome(look, $"This invitation is for {look.Email}. You are signed in as {email}: sign out and sign in (or sign up) as {look.Email} to accept it.");
        }

        var now = clock.GetUtcNow();
        var existing = await db.Memberships.IgnoreQueryFilters().FirstOrDefaultAsync(m => m.TenantId == invitation.TenantId && m.UserId == userId, ct);
        if (existing is null)
        {
            db.Memberships.Add(new Membership { TenantId = invitation.TenantId, UserId = userId, Role = invitation.Role, CreatedAt = now });
        }

        invitation.AcceptedAt = now;
        invitation.AcceptedBy = userId;
        audit.Record("invitation.accepted", invitation.TenantId, target: invitation.Email,
            detail: existing is null ? $"joined as {invitation.Role}" : $"already a member ({existing.Role}); role unchanged",
            actor: email, actorUserId: userId);
        await db.SaveChangesAsync(ct);
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }

        return new AcceptOutcome(look with { State = InvitationState.Accepted }, null);
    }

    private async Task<InvitationLook> LookAsync(Invitation i, CancellationToken ct)
    {
        string tenant = await db.Tenants.Where(t => t.Id == i.TenantId).Select(t => t.Name).FirstAsync(ct);
        var state = i.RevokedAt is not null ? InvitationState.Revoked
            : i.AcceptedAt is not null ? InvitationState.Accepted
            : i.ExpiresAt <= clock.GetUtcNow() ? InvitationState.Expired
            : InvitationState.Pending;
        return new InvitationLook(i.Id, i.TenantId, tenant, i.Email, i.Role, i.ExpiresAt, state);
    }
}
