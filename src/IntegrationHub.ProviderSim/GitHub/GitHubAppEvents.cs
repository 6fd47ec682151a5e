using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// Every change to an installation, from the control API, the installation page or <c>DELETE /app/installations/{id}</c>,
/// goes through here, so that each one is made the same way.
/// </summary>
internal sealed class GitHubAppEvents(GitHubAppStore apps, SimStore store)
{
    /// <summary>
    /// Installs the app on an account: all its repositories (<paramref name="repositories"/> null) or the chosen ones.
    /// The account is a user when a user has that login, otherwise an organization (as seeded owners are).
    /// </summary>
    public GitHubAppInstallation Install(GitHubUrls u, GitHubApp app, string account, IReadOnlyList<SimRepo>? repositories, SimUser sender)
    {
        var user = store.FindUser(GitHubProvider.Id, account);
        var isUser = user is not null;
        var now = store.Now;
        var installation = new GitHubAppInstallation
        {
            Id = SimIds.Next(), AppId = app.Id, AccountLogin = isUser ? user!.Login : account,
            AccountId = isUser ? user!.Id : GitHubUserJson.OrgId(account), AccountType = isUser ? "User" : "Organization",
            AllRepositories = repositories is null, Permissions = app.Permissions, Events = app.Events, CreatedAt = now, UpdatedAt = now,
        };
        foreach (var repo in repositories ?? []) installation.RepoIds.Add(repo.Id);
        apps.AddInstallation(installation);
        return installation;
    }

    public void Uninstalled(GitHubUrls u, GitHubApp app, GitHubAppInstallation installation, SimUser? sender) =>
        apps.RemoveInstallation(installation.Id);

    public void Suspend(GitHubUrls u, GitHubApp app, GitHubAppInstallation installation, SimUser sender, bool suspend)
    {
        lock (apps.Gate)
        {
            installation.SuspendedAt = suspend ? store.Now : null;
            installation.SuspendedBy = suspend ? sender.Id : null;
            installation.UpdatedAt = store.Now;
        }
    }

    /// <summary>Adds and removes repositories of a "selected" installation.</summary>
    public void ChangeRepositories(GitHubUrls u, GitHubApp app, GitHubAppInstallation installation, IReadOnlyList<SimRepo> add,
        IReadOnlyList<SimRepo> remove, SimUser sender)
    {
        lock (apps.Gate)
        {
            foreach (var repo in add) installation.RepoIds.Add(repo.Id);
            foreach (var repo in remove) installation.RepoIds.Remove(repo.Id);
            installation.UpdatedAt = store.Now;
        }
    }
}
