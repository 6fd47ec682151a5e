using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.GitLab;

/// <summary>
/// A project hook. Failing hooks are auto-disabled: <c>alert_status</c> is <c>executable</c>,
/// <c>temporarily_disabled</c> (until <c>disabled_until</c>) or <c>disabled</c>.
/// https://docs.gitlab.com/api/project_webhooks/#get-a-project-webhook, https://docs.gitlab.com/user/project/integrations/webhooks/#auto-disabled-webhooks
/// </summary>
internal sealed class GitLabHookDto
{
    public long Id { get; init; }
    public string? Url { get; init; }
    public string? AlertStatus { get; init; }
    public DateTimeOffset? DisabledUntil { get; init; }

    /// <summary>Every other field; the <c>*_events</c> booleans among them say what the hook is subscribed to.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement> Other { get; init; } = [];

    public ProviderHook ToHook(DateTimeOffset now)
    {
        HookState state = AlertStatus switch
        {
            "disabled" => HookState.Disabled,
            "temporarily_disabled" => HookState.TemporarilyDisabled,
            _ when DisabledUntil > now => HookState.TemporarilyDisabled,
            _ => HookState.Active,
        };
        return new ProviderHook(
            Id.ToString(CultureInfo.InvariantCulture),
            Uri.TryCreate(Url, UriKind.Absolute, out Uri? url) ? url : null,
            [.. Other.Where(p => p.Key.EndsWith("_events", StringComparison.Ordinal) && p.Value.ValueKind == JsonValueKind.True)
                .Select(p => p.Key).Order(StringComparer.Ordinal)],
            state,
            AlertStatus,
            DisabledUntil);
    }
}
