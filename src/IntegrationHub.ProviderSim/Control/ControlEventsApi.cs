using IntegrationHub.ProviderSim.Delivery;
using IntegrationHub.ProviderSim.Events;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Control;

/// <summary>
/// <c>POST /_sim/events/{what}</c>: make something happen in a repository. Answers at once with the event and the
/// deliveries queued for it; the deliveries go out in the background.
/// </summary>
internal static class ControlEventsApi
{
    public static void Map(RouteGroupBuilder sim)
    {
        sim.MapPost("/events/{what}", (HttpContext c, string what, ActionRequest request, SimStore store, SimBootstrap bootstrap, WorldActions actions, ProviderCatalog providers) =>
        {
            var provider = request.Provider is null ? providers.Default : providers.Parse(request.Provider);
            var repo = store.FindRepo(provider, request.Repo);
            if (repo is null) return Results.Json(new { error = $"No repository {request.Repo} on {request.Provider ?? provider.Slug}." }, Json.Web, statusCode: 404);
            var actor = bootstrap.DemoOr(provider, request.User);
            var origin = RequestOrigin.Of(c);
            try
            {
                var (e, deliveries) = Run(what, request, repo, actor, store, actions, origin, providers.Facts(provider));
                return Results.Json(View(e, deliveries), Json.Web);
            }
            catch (KeyNotFoundException ex)
            {
                return Results.Json(new { error = ex.Message }, Json.Web, statusCode: 404);
            }
            catch (ArgumentException ex)
            {
                return Results.Json(new { error = ex.Message }, Json.Web, statusCode: 400);
            }
        });
    }

    private static (SimEvent, IReadOnlyList<DeliveryRecord>) Run(string what, ActionRequest r, SimRepo repo, SimUser actor,
        SimStore store, WorldActions actions, string origin, ProviderFacts facts)
    {
        SimPull Pull()
        {
            lock (store.Gate) return repo.Pulls.FirstOrDefault(p => p.Number == r.Number) ?? throw new KeyNotFoundException($"No pull request {r.Number}.");
        }

        return what switch
        {
            "push" => actions.Push(repo, actor, r.Branch ?? repo.DefaultBranch, r.Commits, r.Message, origin),
            "branch" => actions.Push(repo, actor, r.Branch ?? throw new ArgumentException("branch is required"), 1, r.Message, origin),
            "pull-request-open" => actions.OpenPull(repo, actor, r.Branch ?? "feature-" + SimIds.Next(), r.Target, r.Title ?? "Change", r.Body, origin),
            "pull-request-update" => actions.UpdatePull(repo, Pull(), actor, r.Title, r.Body, r.Push, origin),
            "pull-request-merge" => actions.ClosePull(repo, Pull(), actor, merge: true, origin),
            "pull-request-close" => actions.ClosePull(repo, Pull(), actor, merge: false, origin),
            "comment" => actions.Comment(repo, actor, r.On != "issue", r.Number, r.Body ?? "A comment", origin, r.Thread),
            "issue-open" => actions.OpenIssue(repo, actor, r.Title ?? "An issue", r.Body, origin),
            "issue-close" => actions.CloseIssue(repo, FindIssue(repo, r.Number, store), actor, origin),
            "run" when r.Status is "queued" or "in_progress" && facts.UnfinishedRuns => actions.StartRun(repo, actor, r.Branch ?? repo.DefaultBranch, r.Name ?? "CI", r.Status, origin),
            "run" when r.Status is not (null or "completed") => throw new ArgumentException(
                facts.UnfinishedRuns ? "status must be queued, in_progress or completed" : $"{facts.Id.Slug} runs are made completed only"),
            "run" => actions.CompleteRun(repo, actor, r.Branch ?? repo.DefaultBranch, r.Name ?? "CI",
                r.Conclusion is "success" or "failure" or "cancelled" ? r.Conclusion : throw new ArgumentException("conclusion must be success, failure or cancelled"), origin),
            "status" => actions.SetStatus(repo, actor, r.Sha ?? Head(repo, r.Branch, store), r.State ?? "success", r.Context ?? "ci/sim",
                r.Description, r.TargetUrl, origin),
            _ => throw new ArgumentException($"Unknown event '{what}'."),
        };
    }

    private static SimIssue FindIssue(SimRepo repo, int number, SimStore store)
    {
        lock (store.Gate) return repo.Issues.FirstOrDefault(i => i.Number == number) ?? throw new KeyNotFoundException($"No issue {number}.");
    }

    private static string Head(SimRepo repo, string? branch, SimStore store)
    {
        lock (store.Gate) return repo.Branches.GetValueOrDefault(branch ?? repo.DefaultBranch) ?? throw new KeyNotFoundException($"No branch {branch}.");
    }

    private static object View(SimEvent e, IReadOnlyList<DeliveryRecord> deliveries) => new
    {
        eventId = e.Id,
        kind = e.Kind.ToString(),
        repo = e.Repo.FullName,
        sha = e.After ?? e.Run?.Sha ?? e.Status?.Sha ?? e.Pull?.HeadSha,
        number = e.Pull?.Number ?? e.Issue?.Number,
        commentId = e.Comment?.Id,
        threadId = e.Comment?.ThreadId,
        runId = e.Run?.Id,
        deliveries = deliveries.Select(d => new { id = d.Id, hookId = d.Hook.Id, @event = d.Message.Event, skipped = d.SkippedReason }),
    };
}
