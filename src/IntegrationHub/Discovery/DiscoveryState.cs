namespace IntegrationHub.Discovery;

/// <summary>
/// Where a connection's discovery stands: when this run started, the next page's cursor, pages done, repositories seen,
/// and whether the run of the performing job already ended (<see cref="DoneByThisJob"/>).
/// </summary>
internal sealed record DiscoveryState(DateTimeOffset StartedAt, string? Cursor, int Pages, int Discovered = 0, bool DoneByThisJob = false)
{
    /// <summary>Every page was stored but the run was not finished (the node stopped between the last page and the end).</summary>
    public bool ListingComplete => Pages > 0 && Cursor is null;
}
