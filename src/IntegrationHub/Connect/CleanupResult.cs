namespace IntegrationHub.Connect;

/// <summary>What a disconnect or revoke did: problems to show (and retry), and notes for the person.</summary>
public sealed record CleanupResult(bool Succeeded, IReadOnlyList<string> Problems, IReadOnlyList<string> Notes);
