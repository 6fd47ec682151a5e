using System.Globalization;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// Registered GitHub Apps, their installations and the grants behind installation tokens. It shares the world's lock
/// (<see cref="SimStore.Gate"/>): installations point at repositories, and one lock cannot be taken in two orders.
/// </summary>
internal sealed class GitHubAppStore(TokenStore tokens, SimStore store) : ISimResettable
{
    private readonly object _gate = store.Gate;
    private readonly Dictionary<long, GitHubApp> _apps = [];
    private readonly Dictionary<long, GitHubAppInstallation> _installations = [];
    private readonly Dictionary<string, GitHubInstallationGrant> _grants = new(StringComparer.Ordinal);

    /// <summary>Guards the mutable parts of installations (repository set, suspension): the world's lock.</summary>
    public object Gate => _gate;

    public void Add(GitHubApp app)
    {
        lock (_gate)
        {
            if (_apps.Values.Any(a => string.Equals(a.Slug, app.Slug, StringComparison.OrdinalIgnoreCase)))
            {
                throw new InvalidOperationException($"An app with slug {app.Slug} exists.");
            }

            _apps[app.Id] = app;
        }
    }

    /// <summary>The app a JWT's <c>iss</c> names: its id (number or digits) or its client id.</summary>
    public GitHubApp? FindByIssuer(string issuer)
    {
        lock (_gate)
        {
            return long.TryParse(issuer, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? _apps.GetValueOrDefault(id)
                : _apps.Values.FirstOrDefault(a => a.ClientId == issuer);
        }
    }

    public GitHubApp? FindApp(long id)
    {
        lock (_gate) return _apps.GetValueOrDefault(id);
    }

    public GitHubApp? FindBySlug(string slug)
    {
        lock (_gate) return _apps.Values.FirstOrDefault(a => string.Equals(a.Slug, slug, StringComparison.OrdinalIgnoreCase));
    }

    public GitHubApp? FindByClientId(string? clientId)
    {
        lock (_gate) return _apps.Values.FirstOrDefault(a => a.ClientId == clientId);
    }

    public void AddInstallation(GitHubAppInstallation installation)
    {
        lock (_gate) _installations[installation.Id] = installation;
    }

    public GitHubAppInstallation? FindInstallation(long id)
    {
        lock (_gate) return _installations.GetValueOrDefault(id);
    }

    public IReadOnlyList<GitHubAppInstallation> Installations(long appId)
    {
        lock (_gate) return _installations.Values.Where(i => i.AppId == appId).OrderBy(i => i.Id).ToArray();
    }

    public IReadOnlyList<GitHubAppInstallation> AllInstallations()
    {
        lock (_gate) return _installations.Values.OrderBy(i => i.Id).ToArray();
    }

    /// <summary>Removes an installation and revokes every token issued for it.</summary>
    public bool RemoveInstallation(long id)
    {
        string[] revoked;
        lock (_gate)
        {
            if (!_installations.Remove(id)) return false;
            revoked = _grants.Where(g => g.Value.InstallationId == id).Select(g => g.Key).ToArray();
            foreach (var token in revoked) _grants.Remove(token);
        }

        foreach (var token in revoked) tokens.Revoke(token);
        return true;
    }

    public void Grant(string token, GitHubInstallationGrant grant)
    {
        lock (_gate) _grants[token] = grant;
    }

    /// <summary>The grant behind an installation token; null for any other token.</summary>
    public GitHubInstallationGrant? FindGrant(string token)
    {
        lock (_gate) return _grants.GetValueOrDefault(token);
    }

    /// <summary>Whether an installation token reaches the repository: its installation covers it, and so does the token.</summary>
    public bool Covers(GitHubInstallationGrant grant, SimRepo repo)
    {
        lock (_gate)
        {
            return _installations.TryGetValue(grant.InstallationId, out var installation) && installation.Covers(repo)
                && (grant.RepoIds is null || grant.RepoIds.Contains(repo.Id));
        }
    }

    /// <summary>The repositories an installation covers, in id order (the order GitHub lists them in).</summary>
    public IReadOnlyList<SimRepo> Repositories(GitHubAppInstallation installation)
    {
        lock (_gate)
        {
            return installation.AllRepositories
                ? store.ByOwner(GitHubProvider.Id, installation.AccountLogin).OrderBy(r => r.Id).ToArray()
                : installation.RepoIds.Order().Select(store.FindRepo).OfType<SimRepo>().ToArray();
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _apps.Clear();
            _installations.Clear();
            _grants.Clear();
        }
    }
}
