using System.Diagnostics;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Control;

/// <summary>Creates owners × repositories in memory: 10,000 repositories take milliseconds, not minutes.</summary>
internal sealed class Seeder(SimStore store, SimBootstrap bootstrap, ProviderCatalog providers)
{
    public SeedResult Seed(SeedRequest request)
    {
        var clock = Stopwatch.StartNew();
        var provider = request.Provider is null ? providers.Default : providers.Parse(request.Provider);
        var facts = providers.Facts(provider);
        var users = (request.Users is { Count: > 0 } ? request.Users : [bootstrap.DemoLogin(provider)])
            .Select(login => store.EnsureUser(provider, login)).ToArray();
        var owners = request.OwnerNames is { Count: > 0 }
            ? request.OwnerNames
            : Enumerable.Range(1, request.Owners).Select(i => OwnerName(facts, request.OwnerPrefix, i)).ToList();
        var organization = request.Organization ?? "demo-org";
        var created = new List<SimRepo>(owners.Count * request.ReposPerOwner);
        foreach (var owner in owners)
        {
            for (var i = 1; i <= request.ReposPerOwner; i++)
            {
                var name = $"{request.RepoPrefix}{i}";
                var repo = facts.OwnersAreProjects
                    ? store.AddRepo(provider, organization, owner, name, users[0], request.Private)
                    : store.AddRepo(provider, owner, null, name, users[0], request.Private);
                foreach (var user in users.Skip(1)) store.Grant(repo, user);
                created.Add(repo);
            }
        }

        return new SeedResult(provider.Slug, owners, created.Count, clock.Elapsed.TotalMilliseconds,
            created.Take(5).Select(r => new RepoView(r.Id, r.FullName, r.Owner, r.Project, r.Name, r.Uuid)).ToArray());
    }

    /// <summary>Lower-case slugs, or upper case where the provider wants it (Bitbucket DC project keys).</summary>
    private static string OwnerName(ProviderFacts facts, string prefix, int i) =>
        facts.UpperCaseOwners ? $"{prefix}{i}".ToUpperInvariant() : $"{prefix}{i}";
}
