namespace IntegrationHub.Providers.Poll;

/// <summary>
/// Asks one provider, as cheaply as it allows, what happened in one repository since the stored cursors, and returns it
/// as <see cref="Events.NormalizedEvent"/>s with <see cref="Events.EventSource.Poll"/> and the same natural keys the
/// webhook normalizers build, so the hub stores each real-world event once whichever source saw it first.
/// Readers never sleep or retry; a failure part-way returns what the finished streams found plus the failure.
/// Create with <c>ProviderCatalog.For(kind).CreatePollReader(…)</c>.
/// </summary>
public interface IPollReader
{
    ProviderKind Provider { get; }

    Task<PollReadResult> ReadAsync(PollReadRequest request, CancellationToken cancellationToken);
}
