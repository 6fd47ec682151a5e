using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.AzureDevOps;

/// <summary>Azure DevOps REST objects: identity, project, repository, push, pull request. https://learn.microsoft.com/rest/api/azure/devops/git/</summary>
internal static class AzureDevOpsJson
{
    /// <summary>A stable GUID for a project name inside an organization.</summary>
    public static Guid ProjectId(string org, string project) =>
        new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(org.ToLowerInvariant() + "/" + project.ToLowerInvariant())));

    public static JsonObject Identity(AzureDevOpsUrls u, SimUser user) => new()
    {
        ["id"] = user.Uuid.ToString(),
        ["displayName"] = user.Name,
        ["uniqueName"] = user.Email,
        ["url"] = $"{u.Root}/_apis/Identities/{user.Uuid}",
        ["imageUrl"] = $"{u.Root}/_api/_common/identityImage?id={user.Uuid}",
    };

    /// <summary>The short identity of push and subscription objects: id, displayName, uniqueName.</summary>
    public static JsonObject ShortIdentity(AzureDevOpsUrls u, SimUser user)
    {
        var o = Identity(u, user);
        o.Remove("url");
        o.Remove("imageUrl");
        return o;
    }

    public static JsonObject Project(AzureDevOpsUrls u, SimRepo r) => new()
    {
        ["id"] = ProjectId(r.Owner, r.Project!).ToString(),
        ["name"] = r.Project,
        ["url"] = $"{u.Root}/_apis/projects/{ProjectId(r.Owner, r.Project!)}",
        ["state"] = "wellFormed",
        ["revision"] = 1,
        ["visibility"] = "private",
        ["lastUpdateTime"] = IsoMs(r.CreatedAt),
    };

    public static JsonObject Repo(AzureDevOpsUrls u, SimRepo r) => new()
    {
        ["id"] = r.Uuid.ToString(),
        ["name"] = r.Name,
        ["url"] = u.Repo(r),
        ["project"] = Project(u, r),
        ["defaultBranch"] = "refs/heads/" + r.DefaultBranch,
        ["size"] = 0,
        ["remoteUrl"] = u.RepoWeb(r),
        ["sshUrl"] = $"git@ssh.{new Uri(u.Origin).Host}:v3/{u.Org}/{r.Project}/{r.Name}",
        ["webUrl"] = u.RepoWeb(r),
        ["isDisabled"] = false,
    };

    /// <summary>The short repository object inside webhook resources.</summary>
    public static JsonObject RepoRef(AzureDevOpsUrls u, SimRepo r)
    {
        var project = Project(u, r);
        project.Remove("revision");
        project.Remove("visibility");
        project.Remove("lastUpdateTime");
        return new JsonObject
        {
            ["id"] = r.Uuid.ToString(), ["name"] = r.Name, ["url"] = u.Repo(r), ["project"] = project,
            ["defaultBranch"] = "refs/heads/" + r.DefaultBranch, ["remoteUrl"] = u.RepoWeb(r),
        };
    }

    public static JsonObject CommitRef(AzureDevOpsUrls u, SimRepo r, string sha) => new() { ["commitId"] = sha, ["url"] = $"{u.Repo(r)}/commits/{sha}" };

    public static string PrStatus(SimPull p) => p.State switch { "open" => "active", "merged" => "completed", _ => "abandoned" };

    public static JsonObject Pull(AzureDevOpsUrls u, SimRepo r, SimPull p, SimStore store)
    {
        var o = new JsonObject
        {
            ["repository"] = RepoRef(u, r),
            ["pullRequestId"] = p.Number,
            ["status"] = PrStatus(p),
            ["createdBy"] = Identity(u, store.User(p.AuthorId)),
            ["creationDate"] = IsoMs(p.CreatedAt),
            ["title"] = p.Title,
            ["description"] = p.Body,
            ["sourceRefName"] = "refs/heads/" + p.SourceBranch,
            ["targetRefName"] = "refs/heads/" + p.TargetBranch,
            ["mergeStatus"] = "succeeded",
            ["mergeId"] = new Guid((int)p.Id, 0, 0, new byte[8]).ToString(),
            ["lastMergeSourceCommit"] = CommitRef(u, r, p.HeadSha),
            ["lastMergeTargetCommit"] = CommitRef(u, r, p.BaseSha),
            ["reviewers"] = new JsonArray(),
            ["url"] = $"{u.Repo(r)}/pullRequests/{p.Number}",
        };
        if (p.ClosedAt is { } closed) o["closedDate"] = IsoMs(closed);
        if (p.MergeSha is not null) o["lastMergeCommit"] = CommitRef(u, r, p.MergeSha);
        return o;
    }

    /// <summary>
    /// A comment as the threads API and the comment event have it: <c>id</c> counts inside its thread from 1, and
    /// <c>_links.threads</c> names the thread (see ms.vss-code.git-pullrequest-comment-event.drone-go-scm.json).
    /// https://learn.microsoft.com/rest/api/azure/devops/git/pull-request-thread-comments
    /// </summary>
    public static JsonObject Comment(AzureDevOpsUrls u, SimRepo r, SimComment c, SimStore store) => new()
    {
        ["id"] = c.InThread,
        ["parentCommentId"] = c.ParentInThread,
        ["author"] = Identity(u, store.User(c.AuthorId)),
        ["content"] = c.Body,
        ["publishedDate"] = IsoMs(c.CreatedAt),
        ["lastUpdatedDate"] = IsoMs(c.CreatedAt),
        ["lastContentUpdatedDate"] = IsoMs(c.CreatedAt),
        ["commentType"] = "text",
        ["_links"] = new JsonObject
        {
            ["self"] = new JsonObject { ["href"] = $"{ThreadUrl(u, r, c)}/comments/{c.InThread}" },
            ["repository"] = new JsonObject { ["href"] = u.Repo(r) },
            ["threads"] = new JsonObject { ["href"] = ThreadUrl(u, r, c) },
        },
    };

    /// <summary>A pull request thread with its comments in order. https://learn.microsoft.com/rest/api/azure/devops/git/pull-request-threads</summary>
    public static JsonObject Thread(AzureDevOpsUrls u, SimRepo r, IReadOnlyList<SimComment> comments, SimStore store)
    {
        var first = comments[0];
        return new JsonObject
        {
            ["id"] = first.ThreadId,
            ["publishedDate"] = IsoMs(first.CreatedAt),
            ["lastUpdatedDate"] = IsoMs(comments[^1].CreatedAt),
            ["comments"] = Array(comments.Select(c => (JsonNode?)Comment(u, r, c, store))),
            ["status"] = "active",
            ["threadContext"] = null,
            ["properties"] = new JsonObject(),
            ["identities"] = null,
            ["isDeleted"] = false,
            ["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = ThreadUrl(u, r, first) } },
        };
    }

    /// <summary>The threads of a pull request, oldest first.</summary>
    public static IReadOnlyList<SimComment[]> Threads(SimRepo r, int number) =>
        r.Comments.Where(c => c.OnPull && c.TargetNumber == number).GroupBy(c => c.ThreadId).Select(g => g.OrderBy(c => c.InThread).ToArray()).ToArray();

    private static string ThreadUrl(AzureDevOpsUrls u, SimRepo r, SimComment c) => $"{u.Repo(r)}/pullRequests/{c.TargetNumber}/threads/{c.ThreadId}";
}
