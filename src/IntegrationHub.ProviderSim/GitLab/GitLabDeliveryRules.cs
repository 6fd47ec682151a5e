using IntegrationHub.ProviderSim.Delivery;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitLab;

/// <summary>
/// GitLab sends each delivery once, with a new <c>X-Gitlab-Webhook-UUID</c> per request (the <c>Idempotency-Key</c>
/// stays), and auto-disables a failing hook. https://docs.gitlab.com/user/project/integrations/webhooks/#delivery-headers
/// </summary>
internal sealed class GitLabDeliveryRules(SimStore store, SimulatorOptions options) : IDeliveryRules
{
    public ProviderId Provider => GitLabProvider.Id;

    public IEnumerable<KeyValuePair<string, string>> AttemptHeaders(int attempt) =>
        [new("X-Gitlab-Webhook-UUID", Guid.NewGuid().ToString())];

    /// <summary>
    /// From the 4th consecutive failure a hook is disabled for 1 minute doubling to a day; at the 40th for good.
    /// 4xx and 5xx count alike. https://docs.gitlab.com/user/project/integrations/webhooks/#auto-disabled-webhooks
    /// </summary>
    public DeliveryWork? After(DeliveryRecord record, DeliveryAttempt attempt, bool ok)
    {
        var hook = record.Hook;
        if (ok)
        {
            hook.RecentFailures = 0;
            hook.DisabledUntil = null;
            return null;
        }

        if (!options.GitLabAutoDisableHooks) return null;
        hook.RecentFailures++;
        if (hook.RecentFailures >= 40)
        {
            hook.PermanentlyDisabled = true;
            hook.DisabledUntil = null;
        }
        else if (hook.RecentFailures >= 4)
        {
            var minutes = Math.Min(Math.Pow(2, hook.RecentFailures - 4), 24 * 60);
            hook.DisabledUntil = store.Now.AddMinutes(minutes);
        }

        return null;
    }

    /// <summary>A disabled hook gets no new events at all until its back-off ends.</summary>
    public string? SkipReason(SimHook hook, DateTimeOffset now) =>
        hook.PermanentlyDisabled || hook.DisabledUntil > now ? "disabled" : null;
}
