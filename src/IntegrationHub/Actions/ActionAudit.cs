namespace IntegrationHub.Actions;

/// <summary>The audit entry an action that reached the provider leaves: what, on which repository, and the provider's id.</summary>
internal sealed record ActionAudit(string Action, string Repository, string Detail)
{
    public const string CommentPosted = "comment.posted";
    public const string ReplyPosted = "reply.posted";
    public const string StatusSet = "status.set";

    /// <summary>Enough of the text to recognise it in the audit log; never the whole body.</summary>
    public static string Excerpt(string text)
    {
        string line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 60 ? line : string.Concat(line.AsSpan(0, char.IsHighSurrogate(line[58]) ? 58 : 59), "…");
    }
}
