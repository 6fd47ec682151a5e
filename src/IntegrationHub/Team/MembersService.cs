using System.Net.Mail;
using IntegrationHub.Audit;
using IntegrationHub.Data;
using IntegrationHub.Settings;
using IntegrationHub.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Team;

/// <summary>
/// The current tenant's members and invitations. Reading is open to members; every change is an owner's
/// (<see cref="OwnerOnly"/>). HubDb's tenant filter scopes every look-up, so another tenant's ids are not found.
/// Each change is audited with it.
/// </summary>
public sealed class MembersService(HubDb db, TenantScope scope, AuditLog audit, IOptions<HubOptions> hub, TimeProvider clock, ILogger<MembersService> log)
{
    public Task<List<MemberRow>> ListAsync(CancellationToken ct) =>
        (from m in db.Memberships
         join u in db.Users on m.UserId equals u.Id
         orderby m.CreatedAt
         select new MemberRow(u.Id, u.DisplayName, u.Email ?? "", m.Role, m.CreatedAt)).ToListAsync(ct);

    public Task<List<InvitationRow>> PendingAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.Invitations.Where(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now).OrderBy(i => i.CreatedAt)
            .Select(i => new InvitationRow(i.Id, i.Email, i.Role, i.CreatedAt, i.ExpiresAt)).ToListAsync(ct);
    }

    /// <summary>Makes an invitation of the current tenant and returns its link, which exists nowhere else after this.</summary>
    public async Task<InviteOutcome> InviteAsync(string? email, string? role, CancellationToken ct)
    {
        OwnerOnly.Require(scope);
        Guid tenantId = scope.RequireTenant();
        email = email?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > 256 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            return new InviteOutcome(null, "Enter the e-mail address to invite, for example dana@example.com.");
        }

        if (role is not (Roles.Owner or Roles.Member))
        {
            return new InviteOutcome(null, "Choose the role: owner or member.");
        }

        string lower = email.ToLowerInvariant(), normalized = email.ToUpperInvariant(); // Identity's normalizer upper-cases
        if (await db.Memberships.AnyAsync(m => db.Users.Any(u => u.Id == m.UserId && u.NormalizedEmail == normalized), ct))
        {
            return new InviteOutcome(null, $"{email} is already a member of this tenant.");
        }

        var (token, hash) = InviteTokens.New();
        var now = clock.GetUtcNow();
        db.Invitations.Add(new Invitation
        {
            Id = Guid.CreateVersion7(), TenantId = tenantId, Email = lower, Role = role, TokenHash = hash, CreatedBy = scope.UserId,
            CreatedAt = now, ExpiresAt = now.AddDays(Math.Max(1, hub.Value.InvitationDays)),
        });
        audit.Record("invitation.created", tenantId, target: lower, detail: $"as {role}");
        await db.SaveChangesAsync(ct);
        string link = hub.Value.PublicBaseUrl.TrimEnd('/') + InviteTokens.Path(token);
        TeamLog.InvitationLink(log, scope.TenantName ?? tenantId.ToString(), lower, link);
        return new InviteOutcome(link, null);
    }

    public async Task<MemberChange> RevokeInvitationAsync(Guid invitationId, CancellationToken ct)
    {
        OwnerOnly.Require(scope);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Locked as accepting locks it: a revoke racing an accept waits, then finds it accepted (not found), never a 500.
        var invitation = await db.Invitations.FromSql($"SELECT * FROM invitations WHERE id = {invitationId} FOR UPDATE")
            .FirstOrDefaultAsync(i => i.AcceptedAt == null && i.RevokedAt == null, ct);
        if (invitation is null)
        {
            return MemberChange.NotFound;
        }

        invitation.RevokedAt = clock.GetUtcNow();
        audit.Record("invitation.revoked", invitation.TenantId, target: invitation.Email, detail: $"as {invitation.Role}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return MemberChange.Done;
    }

    public Task<MemberChange> ChangeRoleAsync(Guid userId, string? role, CancellationToken ct) =>
        role is Roles.Owner or Roles.Member ? ChangeAsync(userId, role, ct) : Task.FromResult(MemberChange.UnknownRole);

    public Task<MemberChange> RemoveAsync(Guid userId, CancellationToken ct) => ChangeAsync(userId, null, ct);

    /// <summary>A new role, or removal (<paramref name="role"/> null); never leaves the tenant without an owner.</summary>
    private async Task<MemberChange> ChangeAsync(Guid userId, string? role, CancellationToken ct)
    {
        OwnerOnly.Require(scope);
        Guid tenantId = scope.RequireTenant();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Locks the tenant's owner rows first: two owners demoting or removing each other at once queue here, and the
        // second one re-reads the rows after the first commits (READ COMMITTED re-checks a locked row), so it finds a
        // single owner left and is refused.
        var owners = await db.Database.SqlQuery<Guid>(
            $"SELECT user_id AS \"Value\" FROM memberships WHERE tenant_id = {tenantId} AND role = 'owner' FOR UPDATE").ToListAsync(ct);
        var member = await db.Memberships.FirstOrDefaultAsync(m => m.UserId == userId, ct);
        if (member is null)
        {
            return MemberChange.NotFound;
        }

        if (member.Role == Roles.Owner && role != Roles.Owner && owners.Count <= 1)
        {
            return MemberChange.LastOwner;
        }

        string? email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);
        if (role is null)
        {
            db.Memberships.Remove(member);
            audit.Record("member.removed", tenantId, target: email, detail: $"was {member.Role}");
        }
        else if (member.Role != role)
        {
            audit.Record("member.role_changed", tenantId, target: email, detail: $"{member.Role} → {role}");
            member.Role = role;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return MemberChange.Done;
    }
}
