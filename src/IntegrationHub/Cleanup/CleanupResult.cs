namespace IntegrationHub.Cleanup;

/// <summary>
/// What a disconnect or revoke did: problems to show (and retry), and notes for the person. <see cref="HooksRemaining"/>
/// above zero: not finished yet, a worker is removing that many webhooks at the provider.
/// </summary>
public sealed record CleanupResult(bool Succeeded, IReadOnlyList<string> Problems, IReadOnlyList<string> Notes)
{
    public int HooksRemaining { get; init; }
}
