using IntegrationHub.ProviderSim.OAuth;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Http;

/// <summary>
/// The scope a write needs, per provider. A personal access token made without scopes may do anything (the simulator's
/// convention everywhere, so existing demos keep working); a token with scopes, and every OAuth token, needs the one named.
/// </summary>
internal static class WriteScopes
{
    /// <summary>The scope the token lacks for this write, or null when it may write.</summary>
    public static string? Missing(SimToken token, ProviderId provider, WriteKind kind, bool publicRepo)
    {
        if (token.IsPersonal && token.Scopes.Count == 0) return null;
        var (required, alternatives) = Needs(provider, kind, publicRepo);
        return required is null || token.HasScope(required) || alternatives.Any(token.HasScope) ? null : required;
    }

    private static (string? Required, string[] Alternatives) Needs(ProviderId provider, WriteKind kind, bool publicRepo) => provider switch
    {
        // https://docs.github.com/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps: repo, or public_repo on a
        // public repository; repo:status is enough for commit statuses.
        ProviderId.GitHub => ("repo", [.. publicRepo ? ["public_repo"] : Array.Empty<string>(), .. kind == WriteKind.Status ? ["repo:status"] : Array.Empty<string>()]),
        // https://docs.gitlab.com/user/profile/personal_access_tokens/#personal-access-token-scopes: read_api is read-only.
        ProviderId.GitLab => ("api", []),
        // https://developer.atlassian.com/cloud/bitbucket/bitbucket-cloud-rest-api-scopes: `pullrequest` is "read access to
        // pull requests and the ability to collaborate via comments, tasks, and approvals" (pullrequest:write is for creating,
        // merging and declining); `issue` lets an app comment on issues, and so does `repository` ("use the issue tracker
        // ... comment, vote"). A build status needs only repository
        // (https://developer.atlassian.com/cloud/bitbucket/bitbucket-api-changes-commit-status/), as commit comments do.
        ProviderId.BitbucketCloud => kind switch
        {
            WriteKind.PullComment => ("pullrequest", ["pullrequest:write"]),
            WriteKind.IssueComment => ("issue", ["issue:write", "repository", "repository:write"]),
            _ => ("repository", ["repository:write", "repository:admin"]),
        },
        // https://learn.microsoft.com/rest/api/azure/devops/git/statuses/create: vso.code_status or vso.code_write;
        // threads and comments need vso.code_write.
        ProviderId.AzureDevOps => kind == WriteKind.Status
            ? ("vso.code_status", ["vso.code_write", "vso.code_manage", "vso.code_full"])
            : ("vso.code_write", ["vso.code_manage", "vso.code_full"]),
        // Bitbucket DC: REPO_READ is enough to comment and to post a build status, and every HTTP access token can read.
        // https://developer.atlassian.com/server/bitbucket/rest/v906/api-group-pull-requests/#api-api-latest-projects-projectkey-repos-repositoryslug-pull-requests-pullrequestid-comments-post
        _ => (null, []),
    };
}
