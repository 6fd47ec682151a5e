namespace IntegrationHub.HookRegistration;

/// <summary>Settings under "Hub:Hooks" (environment: Hub__Hooks__Name). Listed in the README's Configuration section.</summary>
public sealed class HookOptions
{
    public const string Section = "Hub:Hooks";

    /// <summary>
    /// After a rotation the previous secret is still accepted this long, counted from the moment the provider took the new
    /// one, so no delivery in flight is rejected.
    /// </summary>
    public int RotationGraceMinutes { get; set; } = 60;

    /// <summary>How often every active connection's hooks are checked at the provider and repaired.</summary>
    public int ReconcileMinutes { get; set; } = 30;
}
