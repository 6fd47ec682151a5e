namespace IntegrationHub.Providers.Events;

/// <summary>
/// How a provider's hook secret is made and used. The hub writes <paramref name="RandomBytes"/> fresh random bytes as
/// URL-safe base64 without padding (43 characters of <c>A–Z a–z 0–9 - _</c> for 32 bytes), which every provider accepts
/// as an HMAC key, a token or a Basic password; never derived from ids or anything guessable.
/// </summary>
public sealed record HookSecretShape(int RandomBytes, HookSecretUse Use)
{
    /// <summary>True when each hook also has a Basic-auth user name (Azure DevOps).</summary>
    public bool HasBasicUsername => Use == HookSecretUse.BasicPassword;

    /// <summary>A stored secret as <see cref="IWebhookVerifier.Verify"/> takes it: <c>username:password</c> for Basic credentials.</summary>
    public string ForVerifier(string secret, string? basicUsername) => HasBasicUsername ? $"{basicUsername}:{secret}" : secret;
}
