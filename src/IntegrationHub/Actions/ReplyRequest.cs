namespace IntegrationHub.Actions;

/// <summary>
/// Body of <c>POST /api/v1/events/{id}/reply</c>. <see cref="Policy"/> lists where to answer, first match wins
/// (default pull_request, commit, issue), the way a feedback policy works.
/// </summary>
public sealed record ReplyRequest(string? Body, IReadOnlyList<string>? Policy);
