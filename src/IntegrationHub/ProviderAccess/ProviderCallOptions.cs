namespace IntegrationHub.ProviderAccess;

/// <summary>
/// Bounds on every call to a provider, under "Hub:Providers" (environment: Hub__Providers__Name), beside the platform
/// apps. A tenant can point a self-hosted connection at any server the address guard lets through, so no answer may
/// hold a worker or its memory for long. Listed in the README's Configuration section.
/// </summary>
public sealed class ProviderCallOptions
{
    /// <summary>One call, headers and body together; a server that never answers or trickles its body fails the call.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Bytes of one answer's body, counted as read: past it the call fails and the rest is never read.</summary>
    public long MaxResponseBytes { get; set; } = 10 * 1024 * 1024;
}
