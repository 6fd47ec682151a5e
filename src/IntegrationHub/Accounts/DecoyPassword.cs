using System.Security.Cryptography;
using IntegrationHub.Data;
using Microsoft.AspNetCore.Identity;

namespace IntegrationHub.Accounts;

/// <summary>
/// A hash nobody knows the password of, verified when there is no real hash to check (an unknown e-mail, a locked
/// account), so those answers take as long as a wrong password and timing does not tell which e-mails have accounts.
/// </summary>
internal static class DecoyPassword
{
    private static string? s_hash;

    public static void Verify(IPasswordHasher<HubUser> hasher, string password) =>
        hasher.VerifyHashedPassword(new HubUser(), Hash(hasher), password);

    /// <summary>
    /// A user with no row, for an unknown e-mail to go through Identity's whole wrong-password path (the hash, the
    /// validators' look-ups, the failed-count write, which matches no row): the database work of a known account too.
    /// </summary>
    public static HubUser User(IPasswordHasher<HubUser> hasher)
    {
        var id = Guid.NewGuid();
        string email = $"nobody-{id:N}@decoy.invalid";
        return new HubUser
        {
            Id = id, UserName = email, Email = email, PasswordHash = Hash(hasher), SecurityStamp = Guid.NewGuid().ToString("N"),
            LockoutEnabled = true, // as UserManager.CreateAsync sets for every real account, so the failed-count write happens
        };
    }

    private static string Hash(IPasswordHasher<HubUser> hasher) =>
        s_hash ??= hasher.HashPassword(new HubUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
}
