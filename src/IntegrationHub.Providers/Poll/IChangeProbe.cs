using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.Poll;

/// <summary>
/// Asks a provider, in one request, whether anything moved in many repositories of one connection: a fingerprint per
/// repository of what its API tells cheaply (branch heads, latest pull request and issue update, comment and tag counts).
/// A poll compares it with the one stored after the last full read and reads in full only the repositories whose
/// fingerprint moved. Only providers with such a query have one (<c>ProviderModule.CreateChangeProbe</c>): GitHub's GraphQL.
/// Never retries or sleeps; a failure is returned, never thrown, so the caller falls back to full reads.
/// </summary>
public interface IChangeProbe
{
    /// <summary>Repositories one request may ask about.</summary>
    int MaxRepositories { get; }

    Task<ChangeProbeResult> ProbeAsync(IReadOnlyList<RepositoryRef> repositories, CancellationToken cancellationToken);
}
