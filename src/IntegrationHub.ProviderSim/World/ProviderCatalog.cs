namespace IntegrationHub.ProviderSim.World;

/// <summary>The providers this simulator plays, in registration order, found by slug or alias (any case).</summary>
internal sealed class ProviderCatalog
{
    private readonly Dictionary<ProviderId, ProviderFacts> _byId = [];
    private readonly Dictionary<string, ProviderId> _bySlug = new(StringComparer.OrdinalIgnoreCase);

    public ProviderCatalog(IEnumerable<ProviderFacts> providers)
    {
        All = providers.ToArray();
        foreach (var facts in All)
        {
            _byId.Add(facts.Id, facts);
            _bySlug.Add(facts.Id.Slug, facts.Id);
            foreach (var alias in facts.Aliases) _bySlug.Add(alias, facts.Id);
        }
    }

    public IReadOnlyList<ProviderFacts> All { get; }

    /// <summary>The first registered provider: the control API's choice when a request names none.</summary>
    public ProviderId Default => All[0].Id;

    public ProviderFacts Facts(ProviderId id) => _byId[id];

    public bool TryFind(string? slug, out ProviderId id)
    {
        id = default;
        return slug is not null && _bySlug.TryGetValue(slug, out id);
    }

    public ProviderId Parse(string? slug) =>
        TryFind(slug, out var id) ? id : throw new ArgumentException($"Unknown provider '{slug}'.", nameof(slug));
}
