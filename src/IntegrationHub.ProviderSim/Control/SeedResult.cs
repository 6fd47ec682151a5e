namespace IntegrationHub.ProviderSim.Control;

internal sealed record SeedResult(string Provider, IReadOnlyList<string> Owners, int Repositories, double ElapsedMs, IReadOnlyList<RepoView> Sample);
