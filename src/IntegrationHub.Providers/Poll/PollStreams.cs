namespace IntegrationHub.Providers.Poll;

/// <summary>Stream names, as stored in <c>poll_cursors.stream</c>. A stream is one endpoint read with its own cursor.</summary>
public static class PollStreams
{
    public const string Feed = "feed";
    public const string Branches = "branches";
    public const string Pulls = "pulls";
    public const string Issues = "issues";
    public const string Comments = "comments";
    public const string Runs = "runs";
    public const string Statuses = "statuses";
    public const string Deliveries = "deliveries";
    public const string Events = "events";
    public const string Pushes = "pushes";

    /// <summary>GitHub: head sha of each open pull request, to tell a push to it (synchronize) without the events feed.</summary>
    public const string PullHeads = "pull-heads";
    public const string ReviewComments = "review-comments";
    public const string CommitComments = "commit-comments";
    public const string Tags = "tags";

    /// <summary>Not a reader's: the hub's mark of a change probe (the fingerprint it saw at the last full read, and when).</summary>
    public const string Probe = "probe";
}
