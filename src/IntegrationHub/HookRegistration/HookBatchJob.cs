using IntegrationHub.Jobs;
using IntegrationHub.Tenancy;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.HookRegistration;

/// <summary>
/// <see cref="IHookBatchJob"/>: converges each repository of the batch in turn (<see cref="HookRegistrar"/>). Repositories
/// busy on another node, or failed transiently, are tried again by running the batch again (the converged ones then
/// cost no provider call): busy ones after a short postponement that counts no attempt, failed ones with back-off. A
/// creation over the provider's content-creation limit (<see cref="HookCreationPacedException"/>) postpones the whole
/// batch until a slot frees: the repositories after it wait too, instead of each being refused.
/// </summary>
internal sealed class HookBatchJob(HookRegistrar registrar, TimeProvider clock, ILogger<HookBatchJob> log) : IHookBatchJob, IJobFailureNote
{
    public async Task RunAsync(Guid connectionId, Guid[] repositoryIds, string provider, string tenant, int count, CancellationToken ct)
    {
        using var scope = WorkScope.Begin(log, connectionId: connectionId); // one hook job: the lines of its provider calls say whose
        bool busy = false, retry = false;
        foreach (var repositoryId in repositoryIds)
        {
            ct.ThrowIfCancellationRequested(); // taken over by another node: stop here, it redoes the batch
            using var repository = WorkScope.Begin(log, repositoryId: repositoryId);
            var outcome = await registrar.ConvergeAsync(repositoryId, ct);
            busy |= outcome == HookOutcome.Busy;
            retry |= outcome == HookOutcome.Retry;
        }

        if (retry)
        {
            throw new SanitizedJobException("a provider call failed transiently; the batch is retried", noted: true);
        }

        if (busy)
        {
            throw new JobPostponedException(clock.GetUtcNow().AddSeconds(2), "a repository of the batch is busy on another node");
        }
    }

    public Task NoteFailureAsync(IReadOnlyList<object?> arguments, string reason, bool givingUp, CancellationToken ct) =>
        arguments is [_, Guid[] repositoryIds, ..] ? registrar.NoteFailureAsync(repositoryIds, reason, givingUp, ct) : Task.CompletedTask;
}
