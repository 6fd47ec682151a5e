using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// One installation of an app on an account (a user or an organization): all of the account's repositories or a
/// chosen few. Guarded by <see cref="GitHubAppStore"/>'s lock.
/// https://docs.github.com/rest/apps/apps#get-an-installation-for-the-authenticated-app
/// </summary>
internal sealed class GitHubAppInstallation
{
    public required long Id { get; init; }
    public required long AppId { get; init; }
    public required string AccountLogin { get; init; }
    public required long AccountId { get; init; }

    /// <summary><c>User</c> or <c>Organization</c>.</summary>
    public required string AccountType { get; init; }

    /// <summary>True: every repository the account owns, now and later ("all"); false: <see cref="RepoIds"/> ("selected").</summary>
    public required bool AllRepositories { get; set; }

    public HashSet<long> RepoIds { get; } = [];
    public required IReadOnlyDictionary<string, string> Permissions { get; init; }
    public required IReadOnlyList<string> Events { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SuspendedAt { get; set; }
    public long? SuspendedBy { get; set; }

    public string RepositorySelection => AllRepositories ? "all" : "selected";

    public bool Covers(SimRepo repo) => repo.Provider == GitHubProvider.Id && (AllRepositories
        ? string.Equals(repo.Owner, AccountLogin, StringComparison.OrdinalIgnoreCase)
        : RepoIds.Contains(repo.Id));
}
