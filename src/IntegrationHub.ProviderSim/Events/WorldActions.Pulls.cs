using IntegrationHub.ProviderSim.Delivery;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Events;

/// <summary>
/// Branch moves and pull request changes, as the real providers report them: a push to the source branch of open pull
/// requests also updates each of them (GitHub <c>synchronize</c>), an edit without commits is its own event (GitHub
/// <c>edited</c>), and a merge moves the target branch with a push of the merge commit besides the merged event.
/// https://docs.github.com/webhooks/webhook-events-and-payloads#pull_request
/// </summary>
internal sealed partial class WorldActions
{
    public (SimEvent Event, IReadOnlyList<DeliveryRecord> Deliveries) Push(SimRepo repo, SimUser actor, string branch, int commits, string? message, string origin) =>
        PushWithPulls(repo, actor, branch, commits, message, origin).Push;

    /// <summary>Edits a pull request; with <paramref name="push"/> adds a commit to its source branch first (the push and "synchronize").</summary>
    public (SimEvent Event, IReadOnlyList<DeliveryRecord> Deliveries) UpdatePull(SimRepo repo, SimPull pull, SimUser actor, string? title, string? body, bool push, string origin)
    {
        (SimEvent Event, IReadOnlyList<DeliveryRecord> Deliveries)? synced = null;
        if (push)
        {
            synced = PushWithPulls(repo, actor, pull.SourceBranch, 1, "Address review", origin).Pulls.FirstOrDefault(x => x.Event.Pull == pull);
        }

        string previousTitle, previousBody;
        bool edited;
        lock (store.Gate)
        {
            previousTitle = pull.Title;
            previousBody = pull.Body;
            edited = (title is not null && title != pull.Title) || (body is not null && body != pull.Body) || synced is null;
            if (edited)
            {
                pull.Title = title ?? pull.Title;
                pull.Body = body ?? pull.Body;
                pull.UpdatedAt = store.Now;
                pull.Version++;
            }
        }

        if (!edited) return synced!.Value;
        var (e, deliveries) = Publish(SimEventKind.PullEdited, repo, actor, origin, e => e with
        {
            Pull = pull, PreviousTitle = previousTitle, PreviousBody = previousBody,
        });
        return (e, synced is { } s ? [.. s.Deliveries, .. deliveries] : deliveries);
    }

    /// <summary>Closes or merges; a merge adds a merge commit on the target branch and pushes it (the real providers' push hook for the merge).</summary>
    public (SimEvent Event, IReadOnlyList<DeliveryRecord> Deliveries) ClosePull(SimRepo repo, SimPull pull, SimUser actor, bool merge, string origin)
    {
        var now = store.Now;
        string? before = null;
        SimCommit[] pushed = [];
        lock (store.Gate)
        {
            pull.State = merge ? "merged" : "closed";
            pull.ClosedAt = now;
            pull.UpdatedAt = now;
            pull.Version++;
            if (merge)
            {
                before = repo.Branches.GetValueOrDefault(pull.TargetBranch);
                pull.MergedAt = now;
                pull.MergeSha = SimIds.Sha();
                var mergeCommit = new SimCommit(pull.MergeSha, before, pull.TargetBranch,
                    $"Merge pull request #{pull.Number} from {pull.SourceBranch}", actor.Id, now, [], []);
                // The pushed range: the pull request's own commits (already on the source branch) and the merge commit.
                pushed = [.. repo.Commits.Where(c => c.Branch == pull.SourceBranch).TakeLast(19), mergeCommit];
                repo.Commits.Add(mergeCommit);
                repo.Branches[pull.TargetBranch] = pull.MergeSha;
                repo.PushedAt = now;
            }
        }

        var closed = Publish(merge ? SimEventKind.PullMerged : SimEventKind.PullClosed, repo, actor, origin, e => e with { Pull = pull });
        if (!merge) return closed;
        var (_, pushDeliveries) = Publish(SimEventKind.Push, repo, actor, origin, e => e with
        {
            Ref = "refs/heads/" + pull.TargetBranch, Before = before ?? ZeroSha, After = pull.MergeSha, Commits = pushed, Created = before is null,
        });
        return (closed.Item1, [.. closed.Item2, .. pushDeliveries]);
    }

    private ((SimEvent Event, IReadOnlyList<DeliveryRecord> Deliveries) Push, List<(SimEvent Event, IReadOnlyList<DeliveryRecord> Deliveries)> Pulls) PushWithPulls(
        SimRepo repo, SimUser actor, string branch, int commits, string? message, string origin)
    {
        var now = store.Now;
        var made = new List<SimCommit>();
        var moved = new List<(SimPull Pull, string OldHead)>();
        string? before;
        lock (store.Gate)
        {
            before = repo.Branches.GetValueOrDefault(branch);
            var parent = before ?? repo.Branches.GetValueOrDefault(repo.DefaultBranch);
            for (var i = 0; i < Math.Max(1, commits); i++)
            {
                var sha = SimIds.Sha();
                var commit = new SimCommit(sha, parent, branch, message ?? $"Change {repo.Commits.Count + 1}", actor.Id, now,
                    [$"src/file{repo.Commits.Count}.txt"], []);
                repo.Commits.Add(commit);
                made.Add(commit);
                parent = sha;
            }

            repo.Branches[branch] = parent!;
            repo.PushedAt = now;
            foreach (var pull in repo.Pulls.Where(p => p.IsOpen && p.SourceBranch == branch))
            {
                moved.Add((pull, pull.HeadSha));
                pull.HeadSha = parent!;
                pull.UpdatedAt = now;
                pull.Version++;
            }
        }

        if (before is null)
        {
            Publish(SimEventKind.BranchCreated, repo, actor, origin, e => e with { Ref = "refs/heads/" + branch, After = made[^1].Sha });
        }

        var push = Publish(SimEventKind.Push, repo, actor, origin, e => e with
        {
            Ref = "refs/heads/" + branch, Before = before ?? ZeroSha, After = made[^1].Sha, Commits = made, Created = before is null,
        });
        var pulls = moved.Select(m => Publish(SimEventKind.PullUpdated, repo, actor, origin, e => e with
        {
            Pull = m.Pull, Ref = "refs/heads/" + branch, Before = m.OldHead, After = made[^1].Sha, Commits = made,
        })).ToList();
        return (push, pulls);
    }
}
