using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Delivery;

/// <summary>What each provider does after an attempt: retries, GitLab's auto-disable, Azure's probation.</summary>
internal sealed class DeliveryPolicy(SimStore store, SimulatorOptions options)
{
    /// <summary>Headers that change per attempt; the rest of the message stays byte-identical across retries.</summary>
    public static IEnumerable<KeyValuePair<string, string>> AttemptHeaders(DeliveryRecord record, int attempt) => record.Hook.Provider switch
    {
        // A new X-Gitlab-Webhook-UUID per request; Idempotency-Key stays. https://docs.gitlab.com/user/project/integrations/webhooks/#delivery-headers
        ProviderId.GitLab => [new("X-Gitlab-Webhook-UUID", Guid.NewGuid().ToString())],
        // https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/#HTTP-headers
        ProviderId.BitbucketCloud => [new("X-Attempt-Number", attempt.ToString(System.Globalization.CultureInfo.InvariantCulture))],
        _ => [],
    };

    /// <summary>Records the outcome on the hook; returns the retry to schedule, if any.</summary>
    public DeliveryWork? After(DeliveryRecord record, DeliveryAttempt attempt)
    {
        var hook = record.Hook;
        var ok = attempt.StatusCode is >= 200 and < 300;
        lock (store.Gate)
        {
            hook.LastResponseCode = attempt.StatusCode;
            hook.LastResponseStatus = ok ? "active" : "failed";
            hook.LastResponseMessage = ok ? "OK" : attempt.Error ?? $"Invalid HTTP Response: {attempt.StatusCode}";
            return hook.Provider switch
            {
                ProviderId.GitLab => GitLab(hook, ok),
                ProviderId.BitbucketCloud when !ok && attempt.Number < 3 => new DeliveryWork(record, attempt.Number + 1, options.DeliveryRetryDelay),
                ProviderId.AzureDevOps => Azure(record, hook, attempt, ok),
                _ => null,
            };
        }
    }

    /// <summary>
    /// From the 4th consecutive failure a hook is disabled for 1 minute doubling to a day; at the 40th for good.
    /// 4xx and 5xx count alike. https://docs.gitlab.com/user/project/integrations/webhooks/#auto-disabled-webhooks
    /// </summary>
    private DeliveryWork? GitLab(SimHook hook, bool ok)
    {
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

    /// <summary>
    /// 408/502/503/504 are retried (up to 8 times); 410 disables; other failures put the subscription on probation.
    /// https://learn.microsoft.com/azure/devops/service-hooks/troubleshoot#probation
    /// </summary>
    private DeliveryWork? Azure(DeliveryRecord record, SimHook hook, DeliveryAttempt attempt, bool ok)
    {
        if (ok)
        {
            hook.Status = "enabled";
            hook.ProbationRetries = 0;
            return null;
        }

        if (attempt.StatusCode == 410)
        {
            hook.Status = "disabledBySystem";
            return null;
        }

        var transient = attempt.StatusCode is null or 408 or 502 or 503 or 504;
        if (transient && attempt.Number < 9)
        {
            return new DeliveryWork(record, attempt.Number + 1, options.DeliveryRetryDelay);
        }

        hook.Status = "onProbation";
        hook.ProbationRetries++;
        return null;
    }
}
