namespace IntegrationHub.Providers.Api;

/// <summary>
/// Whether a hook delivers, normalized across providers, so reconciliation knows what to repair.
/// Ordered from healthy to most in need of repair.
/// </summary>
public enum HookState
{
    /// <summary>Delivering.</summary>
    Active,

    /// <summary>Switched off by a person or by us (<c>active: false</c>, Azure <c>disabledByUser</c>).</summary>
    Inactive,

    /// <summary>GitLab auto-disabled it for a while after failures (<c>alert_status: temporarily_disabled</c>, <c>disabled_until</c>).</summary>
    TemporarilyDisabled,

    /// <summary>Azure DevOps: failing deliveries are retried and new events are dropped meanwhile.</summary>
    OnProbation,

    /// <summary>Disabled by the provider until someone re-enables it (GitLab <c>disabled</c>, Azure <c>disabledBySystem</c> / <c>disabledByInactiveIdentity</c>).</summary>
    Disabled,
}
