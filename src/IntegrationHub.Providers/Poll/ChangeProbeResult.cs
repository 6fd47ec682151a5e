using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.Poll;

/// <summary>
/// What a change probe saw. <see cref="Fingerprints"/> is in the order asked; an entry is null when that repository
/// could not be asked (not found, no access, an error naming it): read it in full. When <see cref="Failure"/> is set
/// (the request failed or was rate limited) every entry is null.
/// </summary>
public sealed record ChangeProbeResult(IReadOnlyList<string?> Fingerprints, ProviderApiException? Failure)
{
    public static ChangeProbeResult Failed(int count, ProviderApiException failure) => new(new string?[count], failure);
}
