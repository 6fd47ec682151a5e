using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.BitbucketCloud;

/// <summary>
/// A Bitbucket Cloud build status as an event, from the facts the hook's <c>commit_status</c> and a finished pipeline
/// both give. Only the final SUCCESSFUL, FAILED and STOPPED (and the pipelines' other final results) become events;
/// INPROGRESS is progress.
/// https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/#Build-status-created
/// </summary>
internal static class BitbucketCloudStatusEvents
{
    /// <summary>Whether <paramref name="state"/> ends the build, so that it is an event.</summary>
    public static bool IsFinal(string state) => EventNormalization.Outcome(state) is not null;

    /// <param name="c">The repository and the fallback time.</param>
    /// <param name="sha">The commit the status is on.</param>
    /// <param name="key">The status's key (<c>pipelines-{build_number}</c> for Bitbucket Pipelines).</param>
    /// <param name="state">The state as Bitbucket spells it.</param>
    /// <param name="name">The status's name.</param>
    /// <param name="branch">The branch it ran on (<c>refname</c>), without <c>refs/heads/</c>.</param>
    /// <param name="url">The status's page.</param>
    /// <param name="at">When it was set.</param>
    /// <returns>The event, or null for a state that is not final.</returns>
    public static NormalizedEvent? Changed(EventContext c, string sha, string key, string state, string? name, string? branch, string? url, DateTimeOffset? at)
    {
        if (EventNormalization.Outcome(state) is not { } outcome)
        {
            return null;
        }

        var details = new EventDetails
        {
            CommitSha = sha,
            StatusContext = key,
            StatusState = state.ToLowerInvariant(),
            Outcome = outcome,
            PipelineName = name,
            Ref = branch is null ? null : RefChangeEvents.HeadsPrefix + branch,
        };
        return c.Create(EventKind.CommitStatusChanged, NaturalKeys.CommitStatus(c.RepoId, sha, key, state), details, url, occurredAt: at);
    }
}
