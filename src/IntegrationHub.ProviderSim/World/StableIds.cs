using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.ProviderSim.World;

/// <summary>
/// Uuids derived from names, so a restarted simulator gives the same account and repository the same id, as a real
/// provider would: the hub then recognises a reconnect of the same account instead of seeing a new one.
/// </summary>
internal static class StableIds
{
    public static Guid From(string name)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(name.ToLowerInvariant()));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5-style (name-based)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16));
    }
}
