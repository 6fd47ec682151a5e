namespace IntegrationHub.ProviderAccess;

/// <summary>
/// The margin kept under a provider's content-creation limit when creating hooks, under "Hub:Hooks" (beside the hook
/// feature's own settings; here because the dashboard's estimate reads it too). Listed in the README's Configuration section.
/// </summary>
public sealed class HookPaceOptions
{
    public const string Section = "Hub:Hooks";

    /// <summary>
    /// Pace hook creation under the provider's documented limit. Off only where nothing enforces it: a GitHub Enterprise
    /// Server whose administrator turned rate limiting off (its default), or the simulator without its secondary limits.
    /// </summary>
    public bool PaceCreations { get; set; } = true;

    /// <summary>
    /// Creations a minute left unused under the provider's limit (GitHub: 80 - 5 = 75): the limit counts every
    /// content-creating request of the token, comments and statuses the hub writes included.
    /// </summary>
    public int CreationMarginPerMinute { get; set; } = 5;

    /// <summary>Creations an hour left unused under the provider's limit (GitHub: 500 - 20 = 480).</summary>
    public int CreationMarginPerHour { get; set; } = 20;
}
