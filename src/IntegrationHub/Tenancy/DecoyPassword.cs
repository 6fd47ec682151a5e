using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace IntegrationHub.Tenancy;

/// <summary>
/// A hash nobody knows the password of, verified when there is no real hash to check (an unknown e-mail, a locked
/// account), so those answers take as long as a wrong password and timing does not tell which e-mails have accounts.
/// </summary>
internal static class DecoyPassword
{
    private static string? s_hash;

    public static void Verify(IPasswordHasher<HubUser> hasher, string password)
    {
        var decoy = new HubUser();
        s_hash ??= hasher.HashPassword(decoy, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        hasher.VerifyHashedPassword(decoy, s_hash, password);
    }
}
