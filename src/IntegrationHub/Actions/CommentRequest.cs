namespace IntegrationHub.Actions;

/// <summary>
/// Body of <c>POST /api/v1/repositories/{id}/comments</c>: <see cref="Target"/> is pull_request (with
/// <see cref="Number"/>), issue (with <see cref="Number"/>) or commit (with <see cref="Sha"/>); <see cref="Thread"/>
/// answers inside an Azure DevOps pull request thread instead of opening a new one.
/// </summary>
public sealed record CommentRequest(string? Target, long? Number, string? Sha, string? Thread, string? Body);
