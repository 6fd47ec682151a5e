namespace IntegrationHub.ProviderSim;

/// <summary>
/// How the simulator starts. Bound from the <c>Simulator</c> configuration section, then the caller's
/// <c>configure</c> action. Provider keys are the base-path slugs: github, gitlab, bitbucket, bitbucket-dc, azure-devops.
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>Default listen address when neither <c>--urls</c> nor ASPNETCORE_URLS says otherwise.</summary>
    public string DefaultUrl { get; set; } = "http://127.0.0.1:5090";

    /// <summary>
    /// The person "signed in" at a provider, who approves OAuth requests and owns PATs by default, keyed by slug. A
    /// provider not named here has its own default: octocat on GitHub, demo elsewhere.
    /// </summary>
    public Dictionary<string, string> DemoUsers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>OAuth apps registered at start (and again after <c>POST /_sim/reset</c>).</summary>
    public List<SimOAuthApp> OAuthApps { get; set; } = [];

    /// <summary>Personal access tokens created at start (and again after reset).</summary>
    public List<SimPersonalAccessToken> PersonalAccessTokens { get; set; } = [];

    /// <summary>True: the authorize endpoint redirects back at once for the demo user. False: an Approve/Deny page.</summary>
    public bool AutoApprove { get; set; } = true;

    /// <summary>GitLab.com disables failing hooks; self-managed instances do not by default.</summary>
    public bool GitLabAutoDisableHooks { get; set; } = true;

    /// <summary>Pause before Bitbucket Cloud and Azure DevOps retry a failed delivery (real: seconds to minutes).</summary>
    public TimeSpan DeliveryRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a delivery may take before it counts as failed (GitHub.com 10 s, GitHub Enterprise Server 30 s).</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// GitHub's secondary rate limits, enforced per token when true (off by default, so a demo never meets them): at most
    /// 100 concurrent requests (REST and GraphQL), 900 points a minute per REST endpoint (GET/HEAD/OPTIONS 1, writes 5),
    /// 2,000 GraphQL points a minute (1 per query), 80 content-creating requests a minute and 500 an hour.
    /// Bindable as <c>Simulator:EnforceSecondaryLimits</c>.
    /// https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
    /// </summary>
    public bool EnforceSecondaryLimits { get; set; }

    /// <summary>Clock for token lifetimes, hook back-off and timestamps; tests may pass their own.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
