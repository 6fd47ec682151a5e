using System.Globalization;
using IntegrationHub.ProviderSim.Delivery;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.BitbucketCloud;

/// <summary>
/// Bitbucket Cloud tries a failed delivery up to three times, numbering each in <c>X-Attempt-Number</c>.
/// https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/#HTTP-headers
/// </summary>
internal sealed class BitbucketCloudDeliveryRules(SimulatorOptions options) : IDeliveryRules
{
    public ProviderId Provider => BitbucketCloudProvider.Id;

    public IEnumerable<KeyValuePair<string, string>> AttemptHeaders(int attempt) =>
        [new("X-Attempt-Number", attempt.ToString(CultureInfo.InvariantCulture))];

    public DeliveryWork? After(DeliveryRecord record, DeliveryAttempt attempt, bool ok) =>
        !ok && attempt.Number < 3 ? new DeliveryWork(record, attempt.Number + 1, options.DeliveryRetryDelay) : null;

    public string? SkipReason(SimHook hook, DateTimeOffset now) => null;
}
