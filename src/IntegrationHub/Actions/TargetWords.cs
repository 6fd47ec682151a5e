using IntegrationHub.Providers.Api;

namespace IntegrationHub.Actions;

/// <summary>The API's words for comment targets and commit states, and the hub's enums they stand for.</summary>
internal static class TargetWords
{
    public const string PullRequest = "pull_request";
    public const string Issue = "issue";
    public const string Commit = "commit";

    public static readonly IReadOnlyList<string> DefaultPolicy = [PullRequest, Commit, Issue];

    public static bool TryParse(string? word, out CommentTargetKind kind)
    {
        (bool ok, kind) = word switch
        {
            PullRequest => (true, CommentTargetKind.PullRequest),
            Issue => (true, CommentTargetKind.Issue),
            Commit => (true, CommentTargetKind.Commit),
            _ => (false, default),
        };
        return ok;
    }

    public static string Of(CommentTargetKind kind) => kind switch
    {
        CommentTargetKind.PullRequest => PullRequest,
        CommentTargetKind.Issue => Issue,
        _ => Commit,
    };

    public static bool TryParseState(string? word, out CommitState state)
    {
        (bool ok, state) = word switch
        {
            "pending" => (true, CommitState.Pending),
            "success" => (true, CommitState.Success),
            "failure" => (true, CommitState.Failure),
            "error" => (true, CommitState.Error),
            _ => (false, default),
        };
        return ok;
    }

    public static string Of(CommitState state) => state.ToString().ToLowerInvariant();
}
