using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>Each app whose active, unsuspended installation covers the repository hears its events on its webhook.</summary>
internal sealed class GitHubAppHooks(GitHubAppStore apps) : ISimHookSource
{
    public IReadOnlyList<SimHook> HooksFor(SimRepo repo) => repo.Provider != GitHubProvider.Id
        ? []
        : apps.CoveringInstallations(repo).Select(i => apps.FindApp(i.AppId)?.Hook).OfType<SimHook>().DistinctBy(h => h.Id).ToArray();
}
