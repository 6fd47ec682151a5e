using IntegrationHub.Jobs;

namespace IntegrationHub.Discover;

/// <summary>Handles one claimed work item of a kind (registered as a keyed scoped service under the kind). Must be idempotent.</summary>
internal interface IWorkHandler
{
    Task<WorkResult> HandleAsync(ClaimedWork item, CancellationToken ct);
}
