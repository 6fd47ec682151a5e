namespace IntegrationHub.ProviderSim.World;

/// <summary>
/// The whole simulated world in memory, indexed so that a seeded world of 10,000+ repositories answers in O(page).
/// One lock (<see cref="Gate"/>) guards it: the simulator favours simple consistency over parallel writes.
/// </summary>
internal sealed class SimStore(TimeProvider time)
{
    private readonly Dictionary<long, SimUser> _usersById = [];
    private readonly Dictionary<(ProviderId, string), SimUser> _usersByLogin = [];
    private readonly Dictionary<long, SimRepo> _reposById = [];
    private readonly Dictionary<(ProviderId, string), SimRepo> _reposByName = [];
    private readonly Dictionary<long, List<SimRepo>> _visible = [];
    private readonly HashSet<(long User, long Repo)> _grants = [];
    private readonly Dictionary<(ProviderId, string), List<SimRepo>> _byOwner = [];
    private readonly Dictionary<long, SimHook> _hooks = [];

    public object Gate { get; } = new();
    public TimeProvider Time { get; } = time;
    public DateTimeOffset Now => Time.GetUtcNow();

    public SimUser EnsureUser(ProviderId provider, string login)
    {
        lock (Gate)
        {
            var key = (provider, login.ToLowerInvariant());
            if (!_usersByLogin.TryGetValue(key, out var user))
            {
                user = new SimUser(SimIds.Next(), provider, login) { CreatedAt = Now };
                _usersByLogin[key] = user;
                _usersById[user.Id] = user;
            }

            return user;
        }
    }

    public SimUser? FindUser(long id)
    {
        lock (Gate) return _usersById.GetValueOrDefault(id);
    }

    public SimUser? FindUser(ProviderId provider, string login)
    {
        lock (Gate) return _usersByLogin.GetValueOrDefault((provider, login.ToLowerInvariant()));
    }

    public SimUser User(long id) => FindUser(id) ?? throw new InvalidOperationException($"No user {id}.");

    /// <summary>Adds a repository with one initial commit on its default branch; its owner can see it.</summary>
    public SimRepo AddRepo(ProviderId provider, string owner, string? project, string name, SimUser ownerUser, bool isPrivate = true)
    {
        var now = Now;
        var repo = new SimRepo
        {
            Id = SimIds.Next(), Provider = provider, Owner = owner, Project = project, Name = name,
            CreatedAt = now, UpdatedAt = now, PushedAt = now, OwnerUserId = ownerUser.Id, Private = isPrivate,
        };
        var sha = SimIds.Sha();
        repo.Branches[repo.DefaultBranch] = sha;
        repo.Commits.Add(new SimCommit(sha, null, repo.DefaultBranch, "Initial commit", ownerUser.Id, now, ["README.md"], []));
        lock (Gate)
        {
            var key = (provider, repo.FullName.ToLowerInvariant());
            if (_reposByName.ContainsKey(key))
            {
                throw new InvalidOperationException($"Repository {repo.FullName} already exists.");
            }

            _reposByName[key] = repo;
            _reposById[repo.Id] = repo;
            var ownerKey = (provider, OwnerKey(owner, project));
            if (!_byOwner.TryGetValue(ownerKey, out var list)) _byOwner[ownerKey] = list = [];
            list.Add(repo);
            GrantLocked(repo, ownerUser);
        }

        return repo;
    }

    public void Grant(SimRepo repo, SimUser user)
    {
        lock (Gate) GrantLocked(repo, user);
    }

    private void GrantLocked(SimRepo repo, SimUser user)
    {
        if (!_grants.Add((user.Id, repo.Id))) return;
        if (!_visible.TryGetValue(user.Id, out var list)) _visible[user.Id] = list = [];
        list.Add(repo);
    }

    /// <summary>Repositories the user can see, in creation (id) order: the order the providers page them in.</summary>
    public IReadOnlyList<SimRepo> VisibleTo(SimUser user)
    {
        lock (Gate) return _visible.TryGetValue(user.Id, out var list) ? list.ToArray() : [];
    }

    public bool CanSee(SimUser user, SimRepo repo)
    {
        lock (Gate) return _grants.Contains((user.Id, repo.Id));
    }

    public IReadOnlyList<SimRepo> ByOwner(ProviderId provider, string owner, string? project = null)
    {
        lock (Gate) return _byOwner.TryGetValue((provider, OwnerKey(owner, project)), out var l) ? l.ToArray() : [];
    }

    public IReadOnlyList<string> Owners(ProviderId provider)
    {
        lock (Gate) return _byOwner.Keys.Where(k => k.Item1 == provider).Select(k => k.Item2).ToArray();
    }

    public SimRepo? FindRepo(ProviderId provider, string fullName)
    {
        lock (Gate) return _reposByName.GetValueOrDefault((provider, fullName.ToLowerInvariant()));
    }

    public SimRepo? FindRepo(long id)
    {
        lock (Gate) return _reposById.GetValueOrDefault(id);
    }

    public int RepoCount(ProviderId provider)
    {
        lock (Gate) return _reposById.Values.Count(r => r.Provider == provider);
    }

    public void AddHook(SimRepo repo, SimHook hook)
    {
        lock (Gate)
        {
            repo.Hooks.Add(hook);
            _hooks[hook.Id] = hook;
        }
    }

    public bool RemoveHook(SimHook hook)
    {
        lock (Gate)
        {
            _hooks.Remove(hook.Id);
            return FindRepo(hook.RepoId)?.Hooks.Remove(hook) ?? false;
        }
    }

    public SimHook? FindHook(long id)
    {
        lock (Gate) return _hooks.GetValueOrDefault(id);
    }

    public IReadOnlyList<SimHook> AllHooks(ProviderId? provider)
    {
        lock (Gate) return _hooks.Values.Where(h => provider is null || h.Provider == provider).OrderBy(h => h.Id).ToArray();
    }

    public void Reset()
    {
        lock (Gate)
        {
            _usersById.Clear();
            _usersByLogin.Clear();
            _reposById.Clear();
            _reposByName.Clear();
            _visible.Clear();
            _grants.Clear();
            _byOwner.Clear();
            _hooks.Clear();
        }
    }

    private static string OwnerKey(string owner, string? project) =>
        (project is null ? owner : owner + "/" + project).ToLowerInvariant();
}
