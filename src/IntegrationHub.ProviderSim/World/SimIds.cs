namespace IntegrationHub.ProviderSim.World;

/// <summary>Id and hash generation; ids are global so any entity can be found by id alone.</summary>
internal static class SimIds
{
    private static long s_next = 1000;

    public static long Next() => Interlocked.Increment(ref s_next);

    /// <summary>A 40-hex commit id, unique per call.</summary>
    public static string Sha()
    {
        Span<byte> bytes = stackalloc byte[20];
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    public static string Token(string prefix)
    {
        Span<byte> bytes = stackalloc byte[24];
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
        return prefix + Convert.ToHexStringLower(bytes);
    }
}
