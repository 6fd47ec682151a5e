namespace IntegrationHub.Jobs;

/// <summary>
/// Plans the hook batches a connection's watch settings imply (implemented by hook registration). Discovery plans at the
/// end of its run, in the run, as the queue did: a sync job queued instead would plan later, from settings a person may
/// have changed meanwhile, and two plans of one repository queue two batches.
/// </summary>
public interface IHookPlanning
{
    Task<(int Register, int Remove)> PlanAsync(Guid connectionId, CancellationToken ct);
}
