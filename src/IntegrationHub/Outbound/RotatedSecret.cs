namespace IntegrationHub.Outbound;

/// <summary>The answer to rotate-secret: the new secret, shown once, and until when the previous one still signs.</summary>
public sealed record RotatedSecret(string Secret, DateTimeOffset? PreviousValidUntil);
