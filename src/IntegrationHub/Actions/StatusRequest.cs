namespace IntegrationHub.Actions;

/// <summary>Body of <c>POST /api/v1/repositories/{id}/statuses</c>; <see cref="State"/> is pending, success, failure or error.</summary>
public sealed record StatusRequest(string? Sha, string? State, string? Context, string? Description, string? TargetUrl);
