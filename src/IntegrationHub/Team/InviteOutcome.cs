namespace IntegrationHub.Team;

/// <summary>The link to hand to the invited person (shown once), or why no invitation was made.</summary>
public sealed record InviteOutcome(string? Link, string? Error);
