namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// <c>POST /_sim/github/installations</c>: installs <see cref="App"/> (id or slug) on <see cref="Account"/>, on all
/// of its repositories or on <see cref="Repositories"/> (<c>owner/name</c>), as <see cref="Sender"/> (default: the
/// demo user). Also the body of the repository add/remove call (<see cref="Add"/>, <see cref="Remove"/>).
/// </summary>
internal sealed record GitHubInstallationRequest
{
    public string? App { get; init; }
    public string? Account { get; init; }
    public List<string>? Repositories { get; init; }
    public string? Sender { get; init; }
    public List<string>? Add { get; init; }
    public List<string>? Remove { get; init; }
}
