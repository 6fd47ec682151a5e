using System.Security.Cryptography;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// A registered GitHub App: its ids, the public half of its key (the private half is handed out once at registration,
/// as GitHub's "Generate a private key" does), its webhook and the permissions and events an installation grants.
/// https://docs.github.com/apps/creating-github-apps/registering-a-github-app/registering-a-github-app
/// </summary>
internal sealed class GitHubApp
{
    public required long Id { get; init; }
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public required string ClientId { get; init; }
    public required string ClientSecret { get; init; }
    public required long OwnerId { get; init; }
    public required string OwnerLogin { get; init; }
    public required byte[] PublicKey { get; init; }
    public required long HookId { get; init; }
    public string? WebhookUrl { get; init; }
    public string? WebhookSecret { get; init; }
    public string? SetupUrl { get; init; }
    public string? CallbackUrl { get; init; }
    public bool RequestOAuthOnInstall { get; init; }
    public required IReadOnlyDictionary<string, string> Permissions { get; init; }
    public required IReadOnlyList<string> Events { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The login of the app's bot account, the author of what an installation token writes.</summary>
    public string BotLogin => Slug + "[bot]";

    /// <summary>The RSA key to check a JWT's signature with (SubjectPublicKeyInfo DER).</summary>
    public RSA OpenPublicKey()
    {
        var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(PublicKey, out _);
        return rsa;
    }
}
