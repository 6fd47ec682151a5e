using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// The per-source-address limit of the ingress: a token bucket per address that only rejected requests spend (see
/// <see cref="IngressOptions.AddressRejectionBurst"/>). While an address has budget left every request from it is let
/// through; once it has none, <see cref="WebhookRateLimitPolicy"/> answers its requests 429 until the bucket refills.
/// Valid deliveries never spend it, because every tenant's deliveries from a provider arrive from that provider's few egress
/// addresses. For the same reason an address that has delivered a verified delivery to a hook is vouched for that hook: its
/// requests to it are never refused, and its rejected ones there spend nothing. Otherwise anyone able to make a provider post
/// forged or misdirected deliveries (a second webhook, with a wrong secret, on a repository two tenants share) could spend
/// the provider's address and have every tenant's real deliveries from it refused. IPv6 sources are bucketed per /64, the
/// block one subscriber holds, or one attacker would be 2^64 sources.
/// </summary>
internal sealed class SourceAddressBudget : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _buckets;
    private readonly IPNetwork[] _trusted;
    private readonly TimeSpan _refill;
    private readonly MemoryCache _vouched;
    private readonly TimeSpan _vouchedFor;

    public SourceAddressBudget(IOptions<IngressOptions> options)
    {
        var o = options.Value;
        _trusted = [.. o.TrustedAddresses.Where(a => !string.IsNullOrWhiteSpace(a)).Select(Network)];
        _vouched = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, o.VouchedSenderEntries) });
        _vouchedFor = TimeSpan.FromHours(Math.Max(0, o.VouchedSenderHours));
        if (o.AddressRejectionBurst > 0 && o.AddressRejectionsPerMinute > 0)
        {
            _refill = TimeSpan.FromMinutes(1.0 / o.AddressRejectionsPerMinute);
            var bucket = new TokenBucketRateLimiterOptions
            {
                TokenLimit = o.AddressRejectionBurst,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = _refill,
                QueueLimit = 0,
                AutoReplenishment = true,
            };
            // Full, idle buckets are dropped by the partitioned limiter, so memory follows the addresses currently misbehaving.
            _buckets = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => bucket));
        }
    }

    /// <summary>Whether the request's source may still be served for this hook; when not, how long until it may (asking spends nothing).</summary>
    public bool HasBudget(HttpContext http, Guid? hookId, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (Key(http) is not { } key || IsVouched(key, hookId))
        {
            return true;
        }

        // Statistics, not a zero-permit probe: the bucket refills continuously, and a probe succeeds on any fraction of a token.
        if (_buckets!.GetStatistics(key)?.CurrentAvailablePermits >= 1)
        {
            return true;
        }

        retryAfter = _refill;
        return false;
    }

    /// <summary>Spends one token of the request's source for a rejected request, unless the source is vouched for the hook.</summary>
    public void Spend(HttpContext http, Guid? hookId)
    {
        if (Key(http) is { } key && !IsVouched(key, hookId))
        {
            _buckets!.AttemptAcquire(key, 1).Dispose();
        }
    }

    /// <summary>The request's source delivered a verified delivery to the hook: a real sender of that hook's deliveries.</summary>
    public void Vouch(HttpContext http, Guid hookId)
    {
        if (Key(http) is { } key && _vouchedFor > TimeSpan.Zero)
        {
            // Sliding: a provider address that keeps delivering stays vouched; when the cache is full an entry is refused and
            // compacted away, which only means that address spends budget again, never memory.
            _vouched.Set((key, hookId), true, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = _vouchedFor });
        }
    }

    public void Dispose()
    {
        _buckets?.Dispose();
        _vouched.Dispose();
    }

    private bool IsVouched(string key, Guid? hookId) => hookId is { } id && _vouched.TryGetValue((key, id), out _);

    /// <summary>The bucket of the request's source; null when the limit is off, the source is trusted, or there is no address (a Unix socket).</summary>
    private string? Key(HttpContext http)
    {
        if (_buckets is null || http.Connection.RemoteIpAddress is not { } address)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (_trusted.Any(n => n.Contains(address)))
        {
            return null;
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 ? new IPNetwork(Prefix64(address), 64).ToString() : address.ToString();
    }

    private static IPNetwork Network(string entry)
    {
        string cidr = entry.Contains('/', StringComparison.Ordinal) ? entry.Trim()
            : entry.Trim() + (entry.Contains(':', StringComparison.Ordinal) ? "/128" : "/32");
        return IPNetwork.TryParse(cidr, out var network) ? network
            : throw new InvalidOperationException($"Hub:Ingest:Ingress:TrustedAddresses: '{entry}' is not an IP address or a CIDR range such as 192.30.252.0/22.");
    }

    private static IPAddress Prefix64(IPAddress v6)
    {
        byte[] bytes = v6.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }
}
