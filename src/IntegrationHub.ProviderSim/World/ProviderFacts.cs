namespace IntegrationHub.ProviderSim.World;

/// <summary>
/// What the shared folders need to know of one provider, as data: each provider folder fills one in, so the shared code
/// asks a fact instead of naming a provider.
/// </summary>
internal sealed record ProviderFacts(ProviderId Id)
{
    /// <summary>Other names the control API and the options accept (<c>bitbucket-cloud</c>, <c>azure</c>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Who is "signed in" unless <see cref="SimulatorOptions.DemoUsers"/> names someone else.</summary>
    public string DemoLogin { get; init; } = "demo";

    /// <summary>Prefix of a generated personal access token (GitLab's <c>glpat-</c>).</summary>
    public string PersonalTokenPrefix { get; init; } = "pat-";

    /// <summary>Issues and pull requests numbered from one sequence (GitHub) instead of one each.</summary>
    public bool SharedIssueAndPullNumbers { get; init; }

    /// <summary>Comments live in threads whose id a client needs to reply (Azure DevOps).</summary>
    public bool CommentThreads { get; init; }

    /// <summary>Seeded owners are projects inside one organization (Azure DevOps).</summary>
    public bool OwnersAreProjects { get; init; }

    /// <summary>Seeded owner names are upper case, as Bitbucket Data Center project keys are.</summary>
    public bool UpperCaseOwners { get; init; }

    /// <summary>A run may be made queued or in progress through the control API: the provider renders one that has not finished.</summary>
    public bool UnfinishedRuns { get; init; }
}
