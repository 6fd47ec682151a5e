namespace IntegrationHub.ProviderSim.World;

/// <summary>An account on one provider. Ids are unique across providers so one index serves all.</summary>
internal sealed class SimUser(long id, ProviderId provider, string login)
{
    public long Id { get; } = id;
    public ProviderId Provider { get; } = provider;
    public string Login { get; } = login;
    public string Name { get; set; } = login;
    public string Email => $"{Login}@users.sim.invalid";
    public Guid Uuid { get; } = StableIds.From($"user:{provider}:{login}");
    public DateTimeOffset CreatedAt { get; init; }
}
