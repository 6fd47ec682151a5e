using IntegrationHub.Data;

namespace IntegrationHub.WebhookIntake;

internal sealed record ActivityModel(
    IReadOnlyList<ActivityRow> Rows,
    bool HasMore,
    IReadOnlyList<(Guid Id, string FullPath)> Repositories,
    IReadOnlyList<AuditEntry> Audit);
