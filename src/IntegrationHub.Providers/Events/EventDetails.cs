namespace IntegrationHub.Providers.Events;

/// <summary>
/// The particulars of an event. One flat record rather than a type per kind so that it serializes plainly
/// and the dashboard can show it without a switch; which fields are set depends on <see cref="EventKind"/>.
/// </summary>
public sealed record EventDetails
{
    /// <summary>The full ref (<c>refs/heads/main</c>, <c>refs/tags/v1</c>) for pushes, branches, tags and pipelines.</summary>
    public string? Ref { get; init; }

    /// <summary>The commit the ref pointed at before a push or deletion; null when the ref is new or the provider does not say.</summary>
    public string? BeforeSha { get; init; }

    /// <summary>The commit the ref points at after a push or creation.</summary>
    public string? AfterSha { get; init; }

    /// <summary>The pull/merge request or issue number as people see it (GitLab <c>iid</c>, not the global id).</summary>
    public long? Number { get; init; }

    /// <summary>The pull/merge request or issue title.</summary>
    public string? Title { get; init; }

    /// <summary>The head commit of a pull/merge request's source branch.</summary>
    public string? HeadSha { get; init; }

    /// <summary>The commit a pipeline ran on, a status was set on, or a commit comment was made on.</summary>
    public string? CommitSha { get; init; }

    /// <summary>The provider's id of a pipeline run, workflow run or build.</summary>
    public string? PipelineId { get; init; }

    /// <summary>The pipeline's or workflow's name, when the payload has one.</summary>
    public string? PipelineName { get; init; }

    /// <summary>How a pipeline or commit status ended.</summary>
    public PipelineOutcome? Outcome { get; init; }

    /// <summary>A commit status's context (GitHub <c>context</c>, Bitbucket <c>key</c>).</summary>
    public string? StatusContext { get; init; }

    /// <summary>A commit status's state as the provider spells it, lower-cased.</summary>
    public string? StatusState { get; init; }

    /// <summary>The comment's id as used in the natural key (Azure DevOps: <c>{pullRequest}/{thread}/{comment}</c>).</summary>
    public string? CommentId { get; init; }

    /// <summary>The start of a comment's text, at most <see cref="Excerpts.MaxLength"/> characters.</summary>
    public string? CommentExcerpt { get; init; }
}
