using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// Hook ids the ingress looked up and did not find, remembered briefly in a size-capped cache, so an id sent again costs no
/// database read. Safe to cache: a hook's row (and id) is stored before the provider is ever told its URL, so an id that
/// was unknown a minute ago is not one a provider can be posting to now. Known hooks are kept by <see cref="HookDirectory"/>,
/// which drops them on every change note, so a disabled hook or a rotated secret takes effect at once.
/// </summary>
internal sealed class UnknownHooks : IDisposable
{
    private readonly MemoryCache _cache;
    private readonly TimeSpan _ttl;

    public UnknownHooks(IOptions<IngressOptions> options)
    {
        var o = options.Value;
        _ttl = TimeSpan.FromSeconds(Math.Max(0, o.UnknownHookCacheSeconds));
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, o.UnknownHookCacheEntries) });
    }

    public bool IsKnownUnknown(Guid hookId) => _cache.TryGetValue(hookId, out _);

    public void Remember(Guid hookId)
    {
        if (_ttl > TimeSpan.Zero)
        {
            // When full the cache refuses the entry and compacts in the background: a miss then costs one read, never memory.
            _cache.Set(hookId, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _ttl });
        }
    }

    public void Dispose() => _cache.Dispose();
}
