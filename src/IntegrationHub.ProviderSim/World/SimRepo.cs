namespace IntegrationHub.ProviderSim.World;

/// <summary>
/// One repository (GitLab: project) with everything that happens in it. Mutations take <see cref="SimStore.Gate"/>.
/// <see cref="Owner"/> is the org, user, group, workspace, project key (Bitbucket DC) or Azure organization;
/// <see cref="Project"/> is the Azure DevOps project (Bitbucket DC: the project name).
/// </summary>
internal sealed class SimRepo
{
    public required long Id { get; init; }
    public Guid Uuid => _uuid ??= StableIds.From($"repo:{Provider}:{Owner}/{Project}/{Name}");

    private Guid? _uuid;
    public required ProviderId Provider { get; init; }
    public required string Owner { get; init; }
    public string? Project { get; init; }
    public required string Name { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required long OwnerUserId { get; init; }
    public bool Private { get; init; } = true;
    public string DefaultBranch { get; init; } = "main";
    public string Description { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset PushedAt { get; set; }

    public string FullName => Project is null ? $"{Owner}/{Name}" : $"{Owner}/{Project}/{Name}";
    public string Slug => Name.ToLowerInvariant();

    public Dictionary<string, string> Branches { get; } = new(StringComparer.Ordinal);
    public List<SimCommit> Commits { get; } = [];
    public List<SimPull> Pulls { get; } = [];
    public List<SimIssue> Issues { get; } = [];
    public List<SimComment> Comments { get; } = [];
    /// <summary>Comments on commits (<see cref="SimComment.CommitSha"/> set), apart from pull request and issue comments.</summary>
    public List<SimComment> CommitComments { get; } = [];
    public List<SimRun> Runs { get; } = [];
    public List<SimStatus> Statuses { get; } = [];
    public List<SimEvent> Events { get; } = [];
    public List<SimHook> Hooks { get; } = [];

    /// <summary>GitHub numbers issues and pull requests from one sequence; the others number each kind on its own.</summary>
    public int NextIssueNumber { get; set; } = 1;
    public int NextPullNumber { get; set; } = 1;
    public int NextRunNumber { get; set; } = 1;

    /// <summary>The full id of a commit named by its id, a 7+ character prefix or a branch; null if none. Call under the store's gate.</summary>
    public string? ResolveSha(string shaOrBranch)
    {
        if (Branches.TryGetValue(shaOrBranch, out var head)) return head;
        var prefix = shaOrBranch.ToLowerInvariant();
        return prefix.Length < 7 ? null : Commits.FirstOrDefault(c => c.Sha.StartsWith(prefix, StringComparison.Ordinal))?.Sha;
    }
}
