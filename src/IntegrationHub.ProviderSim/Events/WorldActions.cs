using IntegrationHub.ProviderSim.Delivery;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Events;

/// <summary>
/// Makes things happen: changes the world, then publishes the event. Shared by the control API and by the
/// provider APIs that write (posting a comment through the API delivers a comment webhook, as on the real ones).
/// Pushes and pull request changes are in WorldActions.Pulls.cs.
/// </summary>
internal sealed partial class WorldActions(SimStore store, ProviderCatalog providers, EventPublisher publisher)
{
    public const string ZeroSha = "0000000000000000000000000000000000000000";

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

    /// <summary>
    /// A comment; with <paramref name="thread"/> a reply in that Azure DevOps thread (numbered after the thread's last
    /// comment), else the first comment of a new thread.
    /// </summary>
    public (SimEvent Event, IReadOnlyList<DeliveryRecord> Deliveries) Comment(SimRepo repo, SimUser actor, bool onPull, int number, string body, string origin,
        long? thread = null)
    {
        SimComment comment;
        SimPull? pull;
        SimIssue? issue;
        lock (store.Gate)
        {
            pull = onPull ? repo.Pulls.FirstOrDefault(p => p.Number == number) : null;
            issue = onPull ? null : repo.Issues.FirstOrDefault(i => i.Number == number);
            if (pull is null && issue is null) throw new KeyNotFoundException($"No {(onPull ? "pull request" : "issue")} {number}.");
            var id = SimIds.Next();
            comment = new SimComment(id, onPull, number, actor.Id, body, store.Now) { ThreadId = id };
            if (thread is { } t)
            {
                var siblings = repo.Comments.Where(x => x.ThreadId == t && x.OnPull == onPull && x.TargetNumber == number).ToArray();
                if (siblings.Length == 0) throw new KeyNotFoundException($"No thread {t} on {number}.");
                comment = comment with { ThreadId = t, InThread = siblings.Max(x => x.InThread) + 1, ParentInThread = 1 };
            }

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
    public (SimEvent Event, IReadOnlyList<DeliveryRecord> Deliveries) CompleteRun(SimRepo repo, SimUser actor, string branch, string name, string conclusion, string origin) =>
        AddRun(SimEventKind.RunCompleted, repo, actor, branch, name, "completed", conclusion, TimeSpan.FromSeconds(30), origin);

    /// <summary>A CI run that has not finished: <paramref name="status"/> is queued or in_progress, with no conclusion yet.</summary>
    public (SimEvent Event, IReadOnlyList<DeliveryRecord> Deliveries) StartRun(SimRepo repo, SimUser actor, string branch, string name, string status, string origin) =>
        AddRun(SimEventKind.RunStarted, repo, actor, branch, name, status, null, TimeSpan.Zero, origin);

    /// <summary>A run on <paramref name="branch"/>'s head that began <paramref name="age"/> ago.</summary>
    private (SimEvent, IReadOnlyList<DeliveryRecord>) AddRun(SimEventKind kind, SimRepo repo, SimUser actor, string branch, string name,
        string status, string? conclusion, TimeSpan age, string origin)
    {
        SimRun run;
        lock (store.Gate)
        {
            var sha = repo.Branches.GetValueOrDefault(branch) ?? throw new KeyNotFoundException($"No branch {branch}.");
            run = new SimRun
            {
                Id = SimIds.Next(), Number = repo.NextRunNumber++, Name = name, Branch = branch, Sha = sha, ActorId = actor.Id,
                CreatedAt = store.Now - age, UpdatedAt = store.Now, Status = status, Conclusion = conclusion,
            };
            repo.Runs.Add(run);
        }

        return Publish(kind, repo, actor, origin, e => e with { Run = run, Ref = "refs/heads/" + branch });
    }

    public (SimEvent Event, IReadOnlyList<DeliveryRecord> Deliveries) SetStatus(SimRepo repo, SimUser actor, string sha, string state,
        string context, string? description, string? targetUrl, string origin, string? providerState = null)
    {
        var status = new SimStatus(SimIds.Next(), sha, state, context, description, targetUrl, actor.Id, store.Now) { ProviderState = providerState };
        lock (store.Gate) repo.Statuses.Add(status);
        return Publish(SimEventKind.StatusSet, repo, actor, origin, e => e with { Status = status });
    }

    private int NextNumber(SimRepo repo, bool pull)
    {
        return providers.Facts(repo.Provider).SharedIssueAndPullNumbers || !pull ? repo.NextIssueNumber++ : repo.NextPullNumber++;
    }

    private (SimEvent, IReadOnlyList<DeliveryRecord>) Publish(SimEventKind kind, SimRepo repo, SimUser actor, string origin, Func<SimEvent, SimEvent> shape)
    {
        var e = shape(new SimEvent { Id = SimIds.Next(), Kind = kind, Repo = repo, Actor = actor, At = store.Now, Origin = origin });
        return (e, publisher.Publish(e));
    }
}
