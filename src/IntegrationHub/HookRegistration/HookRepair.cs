using IntegrationHub.Audit;
using IntegrationHub.Data;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.HookRegistration;

/// <summary>
/// One hook, checked at the provider and repaired: deleted → recreated (or an existing hook of ours adopted);
/// auto-disabled by GitLab, on probation or disabled at Azure DevOps, or switched off → re-enabled; URL or events
/// changed → updated (which also puts our secret back). Each repair is audited and noted on the hook.
/// </summary>
internal sealed class HookRepair(HookProviderSync sync, AuditLog audit, TimeProvider clock)
{
    public async Task CheckAsync(IProviderApi api, Connection connection, Repository repository, Hook hook, CancellationToken ct)
    {
        var target = HookProviderSync.Ref(repository);
        var at = hook.ProviderHookId is { } id ? await api.Hooks.GetAsync(target, id, ct) : null;
        if (at is not null && sync.DeliversElsewhere(hook, at))
        {
            // Another tenant's hook now (adopted and rewritten before hooks were told apart): never ours to rewrite. This row
            // lost its hook, so it gets one of its own below, as if it had been deleted.
            hook.ProviderHookId = null;
            at = null;
        }

        string? action = null;
        string? detail = null;
        if (at is null)
        {
            if (hook.Status == HookStatus.Disabled)
            {
                hook.Status = HookStatus.Pending; // nothing left to be disabled: a registration is under way
            }

            hook.RegisterAttempts++;
            await sync.EnsureAsync(api, repository, hook, lookup: true, ct);
            (action, detail) = ("hook.recreated", "the hook was deleted at the provider; recreated");
        }
        else if (at.State != HookState.Active)
        {
            // Disabled is what the provider says, true even if re-enabling fails below (the dashboard shows it as such).
            hook.Status = HookStatus.Disabled;
            hook.UpdatedAt = clock.GetUtcNow();
            hook.ProviderHookId = await ReEnableAsync(api, target, at.Id, sync.Spec(hook, api.Descriptor), ct);
            hook.Status = HookStatus.Registered;
            (action, detail) = ("hook.reenabled", $"the provider had it {Describe(at)}; re-enabled");
        }
        else if (Drifted(at, hook, api.Descriptor))
        {
            var updated = await api.Hooks.UpdateAsync(target, at.Id, sync.Spec(hook, api.Descriptor), ct);
            hook.ProviderHookId = updated.Id;
            hook.Status = HookStatus.Registered;
            (action, detail) = ("hook.repaired", "its URL or events were changed at the provider; restored");
        }
        else if (hook.Status != HookStatus.Registered)
        {
            hook.Status = HookStatus.Registered;
        }

        if (action is not null)
        {
            var now = clock.GetUtcNow();
            hook.LastError = $"{now:u}: {detail}";
            audit.Record(action, connection.TenantId, repository.FullPath, detail, actor: "worker");
        }
    }

    /// <summary>
    /// GitLab's client re-enables with an update and then a test delivery; when only the test part fails (our endpoint
    /// down, or an instance without the test endpoint) the hook may still be enabled: look before calling it a failure.
    /// </summary>
    private static async Task<string> ReEnableAsync(IProviderApi api, RepositoryRef target, string id, HookSpec spec, CancellationToken ct)
    {
        try
        {
            return (await api.Hooks.ReEnableAsync(target, id, spec, ct)).Id;
        }
        catch (ProviderApiException ex) when (ex.Kind is not (ProviderApiErrorKind.RateLimited or ProviderApiErrorKind.Unauthorized))
        {
            if (await api.Hooks.GetAsync(target, id, ct) is { State: HookState.Active } now)
            {
                return now.Id;
            }

            throw;
        }
    }

    private static string Describe(ProviderHook hook) => hook.State switch
    {
        HookState.TemporarilyDisabled => $"temporarily disabled{(hook.DisabledUntil is { } u ? $" until {u:u}" : "")}",
        HookState.OnProbation => "on probation",
        HookState.Disabled => $"disabled ({hook.ProviderStatus ?? "by the provider"})",
        _ => "inactive",
    };

    private static bool Drifted(ProviderHook at, Hook hook, ProviderDescriptor descriptor) =>
        (at.Url is not null && !string.Equals(at.Url.AbsoluteUri, hook.Url, StringComparison.OrdinalIgnoreCase))
        || descriptor.DefaultHookEvents.Except(at.Events, StringComparer.Ordinal).Any();
}
