using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.BitbucketDataCenter;

/// <summary>
/// Normalizes Bitbucket Data Center (Server) webhook deliveries. The body repeats the event key in <c>eventKey</c>, so the
/// header is only a fallback; the test delivery (<c>diagnostics:ping</c>, body <c>{"test": true}</c>) is named only by the header.
/// https://confluence.atlassian.com/bitbucketserver/event-payload-938025882.html
/// </summary>
public sealed class BitbucketDataCenterEventNormalizer : IEventNormalizer
{
    /// <inheritdoc />
    public ProviderKind Provider => ProviderKind.BitbucketDataCenter;

    /// <inheritdoc />
    public NormalizationResult Normalize(string? eventName, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt) =>
        EventNormalization.Run(body, root =>
        {
            string? key = root.Text("eventKey") ?? (string.IsNullOrWhiteSpace(eventName) ? null : eventName.Trim());
            return key switch
            {
                null => NormalizationResult.Invalid("the body has no eventKey and no X-Event-Key was given"),
                BitbucketDataCenterWebhookDeliveryReader.PingEvent => NormalizationResult.Ignore("diagnostics:ping: Bitbucket's test delivery"),
                "repo:refs_changed" => RefsChanged(root, receivedAt),
                "pr:opened" or "pr:from_ref_updated" or "pr:modified" or "pr:merged" or "pr:declined" or "pr:deleted" or "pr:reopened"
                    or "pr:comment:added"
                    => BitbucketDataCenterPullRequestNormalizer.PullRequest(key, root, receivedAt),
                _ => NormalizationResult.Ignore($"Bitbucket Data Center '{key}' events are not normalized"),
            };
        });

    /// <summary><c>repo:refs_changed</c>: ADD/UPDATE/DELETE per ref, with forty zeros on the missing side.</summary>
    private static NormalizationResult RefsChanged(JsonElement root, DateTimeOffset receivedAt)
    {
        EventContext context = BitbucketDataCenterContext.Of(root, BitbucketDataCenterContext.Repository(root, "repository"), null, receivedAt);
        var events = new List<NormalizedEvent>();
        foreach (JsonElement change in root.Array("changes"))
        {
            string fullRef = change.Text("refId") ?? change.RequireStr("ref.id");
            events.AddRange(BitbucketDataCenterRefEvents.Changed(context, fullRef, change.Text("fromHash"), change.Text("toHash")));
        }

        return events.Count == 0
            ? NormalizationResult.Ignore("the refs change touched no branch or tag")
            : NormalizationResult.Of(events);
    }
}
