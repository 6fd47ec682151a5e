using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.ProviderAccess;

/// <summary>
/// Names the provider and the operation of every provider call made until disposed, for <see cref="ProviderCallMeter"/>:
/// <c>using var calls = ProviderCallScope.Begin(connection.Provider, ProviderOperations.Discovery);</c> at the top of the
/// feature's method. Ambient (an <see cref="AsyncLocal{T}"/>) rather than a parameter because the calls are made deep in
/// the providers library, which knows no hub operation, through clients handed out before the operation is known; a
/// scope opened inside another (a token refresh during discovery) names its own calls and gives the outer one back.
/// </summary>
internal readonly struct ProviderCallScope : IDisposable
{
    private static readonly AsyncLocal<ProviderCallContext?> Ambient = new();
    private readonly ProviderCallContext? _previous;

    private ProviderCallScope(ProviderCallContext? previous) => _previous = previous;

    /// <summary>What the calls made now are for; null outside any scope.</summary>
    public static ProviderCallContext? Current => Ambient.Value;

    /// <param name="provider">A stored slug; one the catalog does not know is tagged <c>unknown</c>, never as written.</param>
    /// <param name="operation">One of <see cref="ProviderOperations"/>.</param>
    public static ProviderCallScope Begin(string provider, string operation) =>
        ProviderSlugs.TryParse(provider, out var kind) ? Begin(kind, operation) : Push(new ProviderCallContext(ProviderCallContext.Unknown, operation, null));

    public static ProviderCallScope Begin(ProviderKind kind, string operation)
    {
        var descriptor = ProviderCatalog.For(kind).Descriptor;
        return Push(new ProviderCallContext(descriptor.Slug, operation, descriptor.RateLimitHeaders));
    }

    private static ProviderCallScope Push(ProviderCallContext context)
    {
        var scope = new ProviderCallScope(Ambient.Value);
        Ambient.Value = context;
        return scope;
    }

    public void Dispose() => Ambient.Value = _previous;
}
