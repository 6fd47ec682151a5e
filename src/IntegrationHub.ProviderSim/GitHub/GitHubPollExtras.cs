using System.Runtime.CompilerServices;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// What only GitHub's side of the simulator keeps for a repository: tags and review comments. Held beside
/// the shared <see cref="SimRepo"/> (and gone with it on reset) rather than in it, since no other provider uses them.
/// These writes publish no simulator event: no webhook goes out and the events feed never shows them, as if every
/// delivery was dropped and the feed lagged for ever, so only the poll's own reads can find them.
/// Read and written under <see cref="SimStore.Gate"/>.
/// </summary>
internal sealed class GitHubPollExtras
{
    private static readonly ConditionalWeakTable<SimRepo, GitHubPollExtras> All = new();

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
    public List<GitHubPollComment> ReviewComments { get; } = [];

    public static GitHubPollExtras Of(SimRepo repo) => All.GetOrCreateValue(repo);
}
