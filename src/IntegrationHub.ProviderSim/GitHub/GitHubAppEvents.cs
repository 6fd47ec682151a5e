using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// Every change to an installation, from the control API, the installation page or <c>DELETE /app/installations/{id}</c>,
/// goes through here, so that each one is made the same way and announced on the app's webhook.
/// </summary>
internal sealed class GitHubAppEvents(GitHubAppStore apps, SimStore store, GitHubAppWebhooks webhooks)
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
        webhooks.Installation(u, app, installation, "created", apps.Repositories(installation), sender);
        return installation;
    }

    /// <summary>Removes the installation; without a sender (the app deleted itself) the app's owner is named, as GitHub does.</summary>
    public void Uninstalled(GitHubUrls u, GitHubApp app, GitHubAppInstallation installation, SimUser? sender)
    {
        var repositories = apps.Repositories(installation);
        if (!apps.RemoveInstallation(installation.Id)) return;
        webhooks.Installation(u, app, installation, "deleted", repositories, sender ?? store.User(app.OwnerId));
    }

    public void Suspend(GitHubUrls u, GitHubApp app, GitHubAppInstallation installation, SimUser sender, bool suspend)
    {
        lock (apps.Gate)
        {
            installation.SuspendedAt = suspend ? store.Now : null;
            installation.SuspendedBy = suspend ? sender.Id : null;
            installation.UpdatedAt = store.Now;
        }

        webhooks.Installation(u, app, installation, suspend ? "suspend" : "unsuspend", null, sender);
    }

    /// <summary>Changes an installation to all repositories (<paramref name="repositories"/> null) or to exactly the given ones.</summary>
    public void Reconfigure(GitHubUrls u, GitHubApp app, GitHubAppInstallation installation, IReadOnlyList<SimRepo>? repositories, SimUser sender)
    {
        var before = apps.Repositories(installation);
        lock (apps.Gate)
        {
            installation.AllRepositories = repositories is null;
            installation.RepoIds.Clear();
            foreach (var repo in repositories ?? []) installation.RepoIds.Add(repo.Id);
            installation.UpdatedAt = store.Now;
        }

        var after = apps.Repositories(installation);
        Announce(u, app, installation, after.Except(before).ToArray(), before.Except(after).ToArray(), sender);
    }

    /// <summary>
    /// Adds and removes repositories. Removing one from an "all" installation makes it "selected", as on GitHub;
    /// adding to it changes nothing. Only real changes are announced.
    /// </summary>
    public void ChangeRepositories(GitHubUrls u, GitHubApp app, GitHubAppInstallation installation, IReadOnlyList<SimRepo> add,
        IReadOnlyList<SimRepo> remove, SimUser sender)
    {
        var current = apps.Repositories(installation);
        bool all;
        lock (apps.Gate) all = installation.AllRepositories;
        if (all && !remove.Any(current.Contains)) return;
        Reconfigure(u, app, installation, [.. current.Where(r => !remove.Contains(r)), .. add.Where(r => !current.Contains(r))], sender);
    }

    /// <summary>GitHub sends additions and removals as separate deliveries.</summary>
    private void Announce(GitHubUrls u, GitHubApp app, GitHubAppInstallation installation, IReadOnlyList<SimRepo> added,
        IReadOnlyList<SimRepo> removed, SimUser sender)
    {
        webhooks.Repositories(u, app, installation, added, [], sender);
        webhooks.Repositories(u, app, installation, [], removed, sender);
    }
}
