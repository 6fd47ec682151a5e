using IntegrationHub.Providers.Api;

namespace IntegrationHub.ProviderAccess;

/// <summary>
/// The tags <see cref="ProviderCallScope"/> hands to <see cref="ProviderCallMeter"/>: a catalog slug and an operation
/// constant (no string is built per call), and the provider's rate-limit header names to tell a limit's 403 from a refusal.
/// </summary>
internal sealed record ProviderCallContext(string Provider, string Operation, RateLimitHeaderNames? RateLimitHeaders)
{
    public const string Unknown = "unknown";
}
