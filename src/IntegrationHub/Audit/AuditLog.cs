using IntegrationHub.Data;

namespace IntegrationHub.Audit;

/// <summary>Appends audit entries in the caller's unit of work, so the entry commits with the change it describes.</summary>
public sealed class AuditLog(HubDb db, TenantScope scope, TimeProvider clock)
{
    public void Record(string action, Guid? tenantId, string? target = null, string? detail = null, string? actor = null, Guid? actorUserId = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            TenantId = tenantId,
            ActorUserId = actorUserId ?? scope.UserId,
            Actor = actor ?? scope.Actor,
            Action = action,
            Target = target,
            Detail = detail,
            OccurredAt = clock.GetUtcNow(),
        });

    public IQueryable<AuditEntry> ForCurrentTenant() =>
        db.AuditEntries.Where(a => a.TenantId == scope.RequireTenant()).OrderByDescending(a => a.OccurredAt);
}
