using System.Text.RegularExpressions;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Actions;

/// <summary>Checks request bodies before anything is looked up; each problem is named by its field (a 400 with errors).</summary>
internal static partial class ActionInputs
{
    /// <summary>GitHub's limit for a comment body (65,536 characters); the others allow at least as much.</summary>
    public const int MaxBody = 65_536;

    public static ActionAnswer? Comment(CommentRequest r)
    {
        var errors = new Dictionary<string, string[]>();
        Body(r.Body, errors);
        if (!TargetWords.TryParse(r.Target, out var kind))
        {
            errors["target"] = ["target must be pull_request, issue or commit."];
        }
        else if (kind == CommentTargetKind.Commit)
        {
            Sha(r.Sha, errors);
            if (r.Number is not null || r.Thread is not null)
            {
                errors["target"] = ["a commit comment takes a sha, not a number or thread."];
            }
        }
        else
        {
            if (r.Number is not > 0)
            {
                errors["number"] = [$"{r.Target} needs its number (a positive integer)."];
            }

            if (r.Sha is not null)
            {
                errors["sha"] = ["sha is only for commit comments."];
            }

            if (r.Thread is not null && (kind != CommentTargetKind.PullRequest || r.Thread.Length is 0 or > 64))
            {
                errors["thread"] = ["thread is an Azure DevOps pull request thread id."];
            }
        }

        return Result(errors);
    }

    public static ActionAnswer? Reply(ReplyRequest r, out List<CommentTargetKind> policy)
    {
        var errors = new Dictionary<string, string[]>();
        Body(r.Body, errors);
        policy = [];
        foreach (string word in r.Policy ?? TargetWords.DefaultPolicy)
        {
            if (TargetWords.TryParse(word, out var kind))
            {
                policy.Add(kind);
            }
            else
            {
                errors["policy"] = [$"'{Clip(word)}' is not a target: use pull_request, commit and issue, in the order to try them."];
            }
        }

        if (policy.Count == 0 && !errors.ContainsKey("policy"))
        {
            errors["policy"] = ["policy is empty: leave it out for the default (pull_request, commit, issue)."];
        }

        return Result(errors);
    }

    public static ActionAnswer? Status(StatusRequest r, out CommitState state)
    {
        var errors = new Dictionary<string, string[]>();
        Sha(r.Sha, errors);
        if (!TargetWords.TryParseState(r.State, out state))
        {
            errors["state"] = ["state must be pending, success, failure or error."];
        }

        if (string.IsNullOrWhiteSpace(r.Context) || r.Context.Length > 255)
        {
            errors["context"] = ["context names the check (1 to 255 characters), e.g. ci/build."];
        }

        if (r.Description is { Length: > 1000 })
        {
            errors["description"] = ["description is at most 1000 characters."];
        }

        if (r.TargetUrl is not null && !(Uri.TryCreate(r.TargetUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http"))
        {
            errors["targetUrl"] = ["targetUrl must be an absolute http or https URL."];
        }

        return Result(errors);
    }

    private static void Body(string? body, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(body) || body.Length > MaxBody)
        {
            errors["body"] = [$"body is the Markdown text to post (1 to {MaxBody} characters)."];
        }
    }

    private static void Sha(string? sha, Dictionary<string, string[]> errors)
    {
        if (sha is null || !HexSha().IsMatch(sha))
        {
            errors["sha"] = ["sha must be a commit id (7 to 64 hexadecimal characters)."];
        }
    }

    private static string Clip(string? word) => word is null ? "null" : word.Length > 40 ? word[..40] : word;

    private static ActionAnswer? Result(Dictionary<string, string[]> errors) => errors.Count == 0 ? null : ActionAnswer.Invalid(errors);

    [GeneratedRegex("^[0-9a-fA-F]{7,64}$")]
    private static partial Regex HexSha();
}
