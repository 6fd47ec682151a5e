namespace IntegrationHub.Outbound;

/// <summary>Attempts, newest first; pass <see cref="Next"/> as <c>before</c> for older ones (null: no more).</summary>
public sealed record AttemptPage(IReadOnlyList<AttemptView> Data, string? Next);
