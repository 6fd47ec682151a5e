using IntegrationHub.ProviderSim.Delivery;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Events;

/// <summary>
/// Makes things happen: changes the world, then publishes the event. Shared by the control API and by the
/// provider APIs that write (posting a comment through the API delivers a comment webhook, as on the real ones).
/// </summary>
internal sealed class WorldActions(SimStore store, EventPublisher publisher)
{
    public const string ZeroSha = "0000000000000000000000000000000000000000";

    public (SimEvent Event, IReadOnlyList<DeliveryRecord> Deliveries) Push(SimRepo repo, SimUser actor, string branch, int commits, string? message, string origin)
    {
        var now = store.Now;
        var made = new List<SimCommit>();
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
                pull.HeadSha = parent!;
            }
        }

        if (before is null)
        {
            Publish(SimEventKind.BranchCreated, repo, actor, origin, e => e with { Ref = "refs/heads/" + branch, After = made[^1].Sha });
        }

        return Publish(SimEventKind.Push, repo, actor, origin, e => e with
        {
            Ref = "refs/heads/" + branch, Before = before ?? ZeroSha, After = made[^1].Sha, Commits = made, Created = before is null,
        });
    }

    public (SimEvent Event, IReadOnlyList<DeliveryRecord> Deliveries) OpenPull(SimRepo repo, SimUser actor, string source, string? target,
        string title, string? body, string origin)
    {
        bool exists;
        lock (store.Gate) exists = repo.Branches.ContainsKey(source);
        if (!exists) Push(repo, actor, source, 1, $"Work on {source}", origin);
        var now = store.Now;
        SimPull pull;
        lock (store.Gate)
        {
            pull = new SimPull
            {
                Id = SimIds.Next(), Number = NextNumber(repo, pull: true), AuthorId = actor.Id, SourceBranch = source,
                TargetBranch = target ?? repo.DefaultBranch, CreatedAt = now, UpdatedAt = now, Title = title, Body = body ?? "",
                HeadSha = repo.Branches[source], BaseSha = repo.Branches.GetValueOrDefault(target ?? repo.DefaultBranch) ?? "",
            };
            repo.Pulls.Add(pull);
        }

        return Publish(SimEventKind.PullOpened, repo, actor, origin, e => e with { Pull = pull });
    }

    /// <summary>Edits a pull request; with <paramref name="push"/> adds a commit to its source branch first (GitHub "synchronize").</summary>
    public (SimEvent Event, IReadOnlyList<DeliveryRecord> Deliveries) UpdatePull(SimRepo repo, SimPull pull, SimUser actor, string? title, string? body, bool push, string origin)
    {
        if (push) Push(repo, actor, pull.SourceBranch, 1, "Address review", origin);
        lock (store.Gate)
        {
            if (title is not null) pull.Title = title;
            if (body is not null) pull.Body = body;
            pull.UpdatedAt = store.Now;
            pull.Version++;
        }

        return Publish(SimEventKind.PullUpdated, repo, actor, origin, e => e with { Pull = pull });
    }

    public (SimEvent Event, IReadOnlyList<DeliveryRecord> Deliveries) ClosePull(SimRepo repo, SimPull pull, SimUser actor, bool merge, string origin)
    {
        var now = store.Now;
        lock (store.Gate)
        {
            pull.State = merge ? "merged" : "closed";
            pull.ClosedAt = now;
            pull.UpdatedAt = now;
            pull.Version++;
            if (merge)
            {
                pull.MergedAt = now;
                pull.MergeSha = SimIds.Sha();
                repo.Commits.Add(new SimCommit(pull.MergeSha, repo.Branches.GetValueOrDefault(pull.TargetBranch), pull.TargetBranch,
                    $"Merge pull request #{pull.Number} from {pull.SourceBranch}", actor.Id, now, [], []));
                repo.Branches[pull.TargetBranch] = pull.MergeSha;
            }
        }

        return Publish(merge ? SimEventKind.PullMerged : SimEventKind.PullClosed, repo, actor, origin, e => e with { Pull = pull });
    }

    public (SimEvent Event, IReadOnlyList<DeliveryRecord> Deliveries) Comment(SimRepo repo, SimUser actor, bool onPull, int number, string body, string origin)
    {
        SimComment comment;
        SimPull? pull;
        SimIssue? issue;
        lock (store.Gate)
        {
            pull = onPull ? repo.Pulls.FirstOrDefault(p => p.Number == number) : null;
            issue = onPull ? null : repo.Issues.FirstOrDefault(i => i.Number == number);
            if (pull is null && issue is null) throw new KeyNotFoundException($"No {(onPull ? "pull request" : "issue")} {number}.");
            comment = new SimComment(SimIds.Next(), onPull, number, actor.Id, body, store.Now);
            repo.Comments.Add(comment);
            if (pull is not null) pull.UpdatedAt = store.Now;
            if (issue is not null) issue.UpdatedAt = store.Now;
        }

        return Publish(onPull ? SimEventKind.PullComment : SimEventKind.IssueComment, repo, actor, origin,
            e => e with { Comment = comment, Pull = pull, Issue = issue });
    }

    public (SimEvent Event, IReadOnlyList<DeliveryRecord> Deliveries) OpenIssue(SimRepo repo, SimUser actor, string title, string? body, string origin)
    {
        SimIssue issue;
        lock (store.Gate)
        {
            issue = new SimIssue
            {
                Id = SimIds.Next(), Number = NextNumber(repo, pull: false), AuthorId = actor.Id, CreatedAt = store.Now,
                UpdatedAt = store.Now, Title = title, Body = body ?? "",
            };
            repo.Issues.Add(issue);
        }

        return Publish(SimEventKind.IssueOpened, repo, actor, origin, e => e with { Issue = issue });
    }

    public (SimEvent Event, IReadOnlyList<DeliveryRecord> Deliveries) CloseIssue(SimRepo repo, SimIssue issue, SimUser actor, string origin)
    {
        lock (store.Gate)
        {
            issue.State = "closed";
            issue.ClosedAt = issue.UpdatedAt = store.Now;
        }

        return Publish(SimEventKind.IssueClosed, repo, actor, origin, e => e with { Issue = issue });
    }

    /// <summary>A CI run finished; <paramref name="conclusion"/> is success, failure or cancelled.</summary>
    public (SimEvent Event, IReadOnlyList<DeliveryRecord> Deliveries) CompleteRun(SimRepo repo, SimUser actor, string branch, string name, string conclusion, string origin)
    {
        SimRun run;
        lock (store.Gate)
        {
            var sha = repo.Branches.GetValueOrDefault(branch) ?? throw new KeyNotFoundException($"No branch {branch}.");
            run = new SimRun
            {
                Id = SimIds.Next(), Number = repo.NextRunNumber++, Name = name, Branch = branch, Sha = sha, ActorId = actor.Id,
                CreatedAt = store.Now.AddSeconds(-30), UpdatedAt = store.Now, Conclusion = conclusion,
            };
            repo.Runs.Add(run);
        }

        return Publish(SimEventKind.RunCompleted, repo, actor, origin, e => e with { Run = run, Ref = "refs/heads/" + branch });
    }

    public (SimEvent Event, IReadOnlyList<DeliveryRecord> Deliveries) SetStatus(SimRepo repo, SimUser actor, string sha, string state,
        string context, string? description, string? targetUrl, string origin)
    {
        var status = new SimStatus(SimIds.Next(), sha, state, context, description, targetUrl, actor.Id, store.Now);
        lock (store.Gate) repo.Statuses.Add(status);
        return Publish(SimEventKind.StatusSet, repo, actor, origin, e => e with { Status = status });
    }

    private int NextNumber(SimRepo repo, bool pull)
    {
        // GitHub shares one sequence between issues and pull requests.
        return repo.Provider == ProviderId.GitHub || !pull ? repo.NextIssueNumber++ : repo.NextPullNumber++;
    }

    private (SimEvent, IReadOnlyList<DeliveryRecord>) Publish(SimEventKind kind, SimRepo repo, SimUser actor, string origin, Func<SimEvent, SimEvent> shape)
    {
        var e = shape(new SimEvent { Id = SimIds.Next(), Kind = kind, Repo = repo, Actor = actor, At = store.Now, Origin = origin });
        return (e, publisher.Publish(e));
    }
}
