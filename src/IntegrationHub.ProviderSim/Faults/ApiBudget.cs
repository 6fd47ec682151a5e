using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Faults;

/// <summary>
/// A token's request budget in the current window, behind GitHub's <c>X-RateLimit-*</c> and GitLab's <c>RateLimit-*</c>
/// headers. By default the real limit is reported and never enforced (a demo must not run dry); with
/// <see cref="FaultSettings.ApiBudget"/> set, that budget is reported and enforced, so a test can spend it in a few
/// calls and get the provider's own refusal.
/// </summary>
internal sealed record ApiBudget(int Limit, bool Enforced, int Used, DateTimeOffset Reset, DateTimeOffset Now)
{
    public bool Exhausted => Enforced && Used >= Limit;

    /// <summary>Whole seconds until the window resets, at least 1.</summary>
    public int SecondsToReset => Math.Max(1, (int)Math.Ceiling((Reset - Now).TotalSeconds));

    /// <summary>The budget before this call is counted.</summary>
    public static ApiBudget Of(HttpContext http, ProviderId provider, string token, int realLimit, TimeSpan window)
    {
        var services = http.RequestServices;
        var budget = services.GetRequiredService<FaultRegistry>().Get(provider).ApiBudget;
        var (used, reset) = services.GetRequiredService<ApiUsage>().Count(provider, token, window, increment: false);
        return new ApiBudget(budget ?? realLimit, budget is not null, used, reset, services.GetRequiredService<SimStore>().Now);
    }
}
