using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.BitbucketCloud;

/// <summary>
/// Bitbucket Cloud build status deliveries, built by <see cref="BitbucketCloudStatusEvents"/> as the poll builds finished
/// pipelines. The commit's hash is read from <c>commit_status.commit.hash</c> or, in older payloads, from the end of
/// <c>links.commit.href</c>.
/// https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/#Build-status-created
/// </summary>
internal static class BitbucketCloudStatusNormalizer
{
    public static NormalizationResult Status(JsonElement root, DateTimeOffset receivedAt)
    {
        JsonElement status = root.Get("commit_status") ?? throw new PayloadException("missing required field 'commit_status'");
        string state = status.RequireStr("state");
        if (!BitbucketCloudStatusEvents.IsFinal(state))
        {
            return NormalizationResult.Ignore($"Bitbucket Cloud commit status state '{state}' is not final");
        }

        string sha = status.Text("commit.hash")
            ?? LastSegment(status.Text("links.commit.href"))
            ?? throw new PayloadException("missing required field 'commit_status.commit.hash'");
        string key = status.RequireStr("key");
        EventContext context = BitbucketCloudEventNormalizer.Context(root, receivedAt);
        return NormalizationResult.Of([BitbucketCloudStatusEvents.Changed(context, sha, key, state, status.Text("name"), status.Text("refname"),
            status.Text("url"), status.FirstDate("updated_on", "created_on"))!]);
    }

    private static string? LastSegment(string? url) =>
        url is null ? null : url.TrimEnd('/')[(url.TrimEnd('/').LastIndexOf('/') + 1)..] is { Length: > 0 } s ? s : null;
}
