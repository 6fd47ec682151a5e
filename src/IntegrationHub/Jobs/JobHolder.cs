using Hangfire.States;
using Hangfire.Storage;

namespace IntegrationHub.Jobs;

/// <summary>
/// The worker that holds a performing: the ServerId and WorkerId of the Processing state Hangfire applied before it
/// began (read by <see cref="JobOutcomeFilter"/> as the performing starts). Hangfire lets any performing end a job whose
/// current state is named Processing, whoever that state names; comparing it with this holder is what lets only the
/// holder's outcome land.
/// Carried on the worker's thread from OnPerforming to the state change that records the outcome: Hangfire's Worker runs
/// both synchronously on its own thread, one job at a time, and on a failure it hands the state change no other context
/// of the performing (its Items reach the state change only when the job returned).
/// </summary>
internal sealed record JobHolder(string JobId, string? ServerId, string? WorkerId)
{
    private static readonly AsyncLocal<JobHolder?> Ambient = new();

    /// <summary>The holder of the performing on this thread, when it performs <paramref name="jobId"/>.</summary>
    public static JobHolder? Of(string jobId) => Ambient.Value is { } held && held.JobId == jobId ? held : null;

    /// <summary>Records the holder of the performing that starts now, from the job's current (its own Processing) state.</summary>
    public static void Begin(IStorageConnection connection, string jobId)
    {
        var state = connection.GetStateData(jobId);
        Ambient.Value = IsProcessing(state)
            ? new JobHolder(jobId, Field(state, "ServerId"), Field(state, "WorkerId"))
            : new JobHolder(jobId, null, null); // taken from this worker before it began: it holds nothing
    }

    /// <summary>Whether <paramref name="current"/> is still the Processing state of this holder.</summary>
    public bool Holds(StateData? current) =>
        IsProcessing(current) && ServerId is not null && WorkerId is not null
        && string.Equals(Field(current, "ServerId"), ServerId, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Field(current, "WorkerId"), WorkerId, StringComparison.OrdinalIgnoreCase);

    /// <summary>A field of a state's data, null when absent.</summary>
    public static string? Field(StateData state, string key) => state.Data.TryGetValue(key, out string? value) ? value : null;

    private static bool IsProcessing([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] StateData? state) =>
        state is not null && string.Equals(state.Name, ProcessingState.StateName, StringComparison.OrdinalIgnoreCase);
}
