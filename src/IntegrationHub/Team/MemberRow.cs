namespace IntegrationHub.Team;

public sealed record MemberRow(Guid UserId, string Name, string Email, string Role, DateTimeOffset Since);
