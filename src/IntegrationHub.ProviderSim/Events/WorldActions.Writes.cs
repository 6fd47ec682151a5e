using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Events;

/// <summary>
/// Writes the provider APIs make that the other parts of <see cref="WorldActions"/> do not cover. A commit comment is
/// stored for the inspect API and the providers' reads, but publishes no event: the simulator has no commit-comment
/// webhook (GitHub <c>commit_comment</c>, GitLab's note on a commit, Bitbucket <c>repo:commit_comment_created</c>).
/// </summary>
internal sealed partial class WorldActions
{
    /// <summary>A comment on <paramref name="sha"/>, which the caller has resolved to a commit of the repository.</summary>
    public SimComment CommentOnCommit(SimRepo repo, SimUser actor, string sha, string body, string? path = null)
    {
        var comment = new SimComment(SimIds.Next(), false, 0, actor.Id, body, store.Now) { CommitSha = sha, Path = path };
        lock (store.Gate) repo.CommitComments.Add(comment);
        return comment;
    }
}
