using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.BitbucketCloud;

/// <summary>
/// Bitbucket Cloud build statuses. Only the final SUCCESSFUL, FAILED and STOPPED become events; INPROGRESS is progress.
/// The commit's hash is read from <c>commit_status.commit.hash</c> or, in older payloads, from the end of <c>links.commit.href</c>.
/// https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/#Build-status-created
/// </summary>
internal static class BitbucketCloudStatusNormalizer
{
    public static NormalizationResult Status(JsonElement root, DateTimeOffset receivedAt)
    {
        JsonElement status = root.Get("commit_status") ?? throw new PayloadException("missing required field 'commit_status'");
        string state = status.RequireStr("state");
        if (EventNormalization.Outcome(state) is not { } outcome)
        {
            return NormalizationResult.Ignore($"Bitbucket Cloud commit status state '{state}' is not final");
        }

        string sha = status.Text("commit.hash")
            ?? LastSegment(status.Text("links.commit.href"))
            ?? throw new PayloadException("missing required field 'commit_status.commit.hash'");
        string key = status.RequireStr("key");
        EventContext context = BitbucketCloudEventNormalizer.Context(root, status.FirstDate("updated_on", "created_on") ?? receivedAt);
        var details = new EventDetails
        {
            CommitSha = sha,
            StatusContext = key,
            StatusState = state.ToLowerInvariant(),
            Outcome = outcome,
            PipelineName = status.Text("name"),
            Ref = status.Text("refname") is { } branch ? RefChangeEvents.HeadsPrefix + branch : null,
        };
        return NormalizationResult.Of([context.Create(EventKind.CommitStatusChanged,
            NaturalKeys.CommitStatus(context.RepoId, sha, key, state), details, status.Text("url"))]);
    }

    private static string? LastSegment(string? url) =>
        url is null ? null : url.TrimEnd('/')[(url.TrimEnd('/').LastIndexOf('/') + 1)..] is { Length: > 0 } s ? s : null;
}
