using Hangfire.States;
using Hangfire.Storage;

namespace IntegrationHub.Jobs;

/// <summary>
/// The current holder's Processing state, applied again in place of a superseded performing's outcome: same name and
/// data (StartedAt, ServerId, WorkerId), so Hangfire's cancellation watcher on the holder's node sees its own state and
/// lets it run on, and the holder's outcome is the one that ends the job. (Hangfire's ProcessingState cannot be built
/// outside Hangfire; a state is its name and data, which is all storage, dashboard and watcher read.)
/// </summary>
internal sealed class KeptProcessingState(StateData current, string reason) : IState
{
    public string Name => ProcessingState.StateName;

    public string Reason => reason;

    public bool IsFinal => false;

    public bool IgnoreJobLoadException => false;

    public Dictionary<string, string> SerializeData() => new(current.Data, StringComparer.Ordinal);
}
