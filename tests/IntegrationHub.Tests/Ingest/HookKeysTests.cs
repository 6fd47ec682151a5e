using System.Security.Cryptography;
using IntegrationHub.Data;
using IntegrationHub.Secrets;
using IntegrationHub.WebhookIntake;

namespace IntegrationHub.Tests.Ingest;

/// <summary>
/// A kept hook decrypts its secrets once, not per delivery, and still honours the rotation grace period at each delivery;
/// a secret the key ring cannot decrypt is not remembered as a failure.
/// </summary>
public sealed class HookKeysTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_kept_hook_decrypts_its_secrets_once()
    {
        var protector = new CountingProtector();
        var hook = Row(previousExpiresAt: null);

        Assert.Equal(["current", "previous"], hook.AcceptedSecrets(Now, protector));
        Assert.Equal(["current", "previous"], hook.AcceptedSecrets(Now.AddMinutes(1), protector));
        Assert.Equal(2, protector.Unprotected); // one per secret, at the first delivery only
    }

    [Fact]
    public void The_previous_secret_stops_being_accepted_when_its_grace_period_ends()
    {
        var protector = new CountingProtector();
        var hook = Row(previousExpiresAt: Now.AddHours(1));

        Assert.Equal(["current", "previous"], hook.AcceptedSecrets(Now, protector));
        Assert.Equal(["current"], hook.AcceptedSecrets(Now.AddHours(1), protector));
    }

    [Fact]
    public void A_previous_secret_already_expired_is_never_decrypted()
    {
        var protector = new CountingProtector();
        var hook = Row(previousExpiresAt: Now.AddHours(-1));

        Assert.Equal(["current"], hook.AcceptedSecrets(Now, protector));
        Assert.Equal(1, protector.Unprotected);
    }

    [Fact]
    public void A_secret_the_key_ring_cannot_decrypt_is_tried_again_at_the_next_delivery()
    {
        var protector = new CountingProtector { Failing = true };
        var hook = Row(previousExpiresAt: null);

        Assert.Throws<CryptographicException>(() => hook.AcceptedSecrets(Now, protector));
        protector.Failing = false;
        Assert.Equal(["current", "previous"], hook.AcceptedSecrets(Now, protector));
    }

    private static IngressHook Row(DateTimeOffset? previousExpiresAt)
    {
        var id = Guid.NewGuid();
        return new IngressHook(id, Guid.NewGuid(), Guid.NewGuid(), null, "github", HookStatus.Registered, ConnectionStatus.Active,
            new Hook
            {
                Id = id, Provider = "github", Url = string.Empty, SecretProtected = "p:current", PreviousSecretProtected = "p:previous",
                PreviousSecretExpiresAt = previousExpiresAt,
            });
    }

    private sealed class CountingProtector : ISecretProtector
    {
        public int Unprotected { get; private set; }

        public bool Failing { get; set; }

        public string Protect(string plaintext) => "p:" + plaintext;

        public string Unprotect(string protectedValue)
        {
            Unprotected++;
            return Failing ? throw new CryptographicException("key ring unavailable") : protectedValue[2..];
        }
    }
}
