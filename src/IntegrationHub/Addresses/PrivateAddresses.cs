using System.Net;
using System.Net.Sockets;

namespace IntegrationHub.Addresses;

/// <summary>
/// Addresses a tenant-supplied URL must not reach: loopback, link-local, private, CGNAT, multicast, unspecified, and IPv6
/// addresses that carry one of those IPv4 addresses inside (NAT64, 6to4, IPv4-compatible).
/// </summary>
internal static class PrivateAddresses
{
    private static readonly byte[] WellKnownNat64 = [0x00, 0x64, 0xFF, 0x9B];

    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            byte[] b = address.GetAddressBytes();
            return b[0] switch
            {
                0 or 10 or 127 => true,
                100 => b[1] is >= 64 and <= 127,          // 100.64.0.0/10 carrier-grade NAT
                169 => b[1] == 254,                       // link-local, cloud metadata (169.254.169.254)
                172 => b[1] is >= 16 and <= 31,
                192 => (b[1] == 168) || (b[1] == 0 && b[2] == 0),
                198 => b[1] is 18 or 19,                  // benchmarking
                >= 224 => true,                           // multicast and reserved
                _ => false,
            };
        }

        byte[] v6 = address.GetAddressBytes();
        if (EmbeddedIPv4(v6) is { } embedded)
        {
            // A translator or relay forwards these to the IPv4 address inside, so that address is what gets reached.
            return IsPrivate(embedded);
        }

        return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || (v6[0] & 0xFE) == 0xFC                     // fc00::/7 unique local
            || (v6.AsSpan(0, 4).SequenceEqual(WellKnownNat64) && v6[4] == 0x00 && v6[5] == 0x01) // 64:ff9b:1::/48 local-use NAT64 (RFC 8215)
            || AllZero(v6.AsSpan(0, 12));                 // ::/96 IPv4-compatible: deprecated, never a public route (RFC 4291 §2.5.5.1)
    }

    /// <summary>
    /// The IPv4 address carried by NAT64's well-known prefix 64:ff9b::/96 (RFC 6052) or 6to4's 2002::/16 (RFC 3056);
    /// null for other addresses.
    /// </summary>
    private static IPAddress? EmbeddedIPv4(byte[] v6)
    {
        bool sixToFour = v6[0] == 0x20 && v6[1] == 0x02;
        if (sixToFour)
        {
            return new IPAddress(v6.AsSpan(2, 4));
        }

        bool nat64 = v6.AsSpan(0, 4).SequenceEqual(WellKnownNat64) && AllZero(v6.AsSpan(4, 8));
        return nat64 ? new IPAddress(v6.AsSpan(12, 4)) : null;
    }

    private static bool AllZero(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyExcept((byte)0) < 0;
}
