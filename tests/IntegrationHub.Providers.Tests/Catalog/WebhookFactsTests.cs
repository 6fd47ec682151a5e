using IntegrationHub.Providers.Events;
using static IntegrationHub.Providers.Tests.Webhooks.Deliveries;

namespace IntegrationHub.Providers.Tests.Catalog;

/// <summary>The webhook facts each provider object carries for the hub's intake (values from PROVIDER-FACTS).</summary>
public sealed class WebhookFactsTests
{
    private const int MiB = 1024 * 1024;

    [Theory]
    [InlineData(ProviderKind.GitHub, 25 * MiB)] // GitHub does not deliver payloads over 25 MB
    [InlineData(ProviderKind.GitLab, 25 * MiB)] // GitLab caps at 25 MB
    [InlineData(ProviderKind.BitbucketCloud, 1 * MiB)] // drops over 256 KB itself; 1 MB leaves room
    [InlineData(ProviderKind.BitbucketDataCenter, 10 * MiB)] // no documented cap
    [InlineData(ProviderKind.AzureDevOps, 2 * MiB)] // up to 2 MB
    public void Body_limit_is_at_or_above_what_the_provider_sends(ProviderKind kind, int bytes) =>
        Assert.Equal(bytes, ProviderCatalog.For(kind).Webhook.MaxBodyBytes);

    [Theory]
    [InlineData(ProviderKind.GitHub, false)]
    [InlineData(ProviderKind.GitLab, true)] // auto-disables from the 4th failure
    [InlineData(ProviderKind.BitbucketCloud, false)]
    [InlineData(ProviderKind.BitbucketDataCenter, true)] // skips a failing hook with back-off
    [InlineData(ProviderKind.AzureDevOps, true)] // probation, then disabled by the system
    public void Providers_that_disable_failing_hooks_say_so(ProviderKind kind, bool punishes) =>
        Assert.Equal(punishes, ProviderCatalog.For(kind).Webhook.PunishesFailures);

    [Theory]
    [InlineData(ProviderKind.GitHub, "X-GitHub-Delivery", "X-GitHub-Event")]
    [InlineData(ProviderKind.GitLab, "Idempotency-Key", "X-Gitlab-Event")]
    [InlineData(ProviderKind.BitbucketCloud, "X-Request-UUID", "X-Event-Key")]
    [InlineData(ProviderKind.BitbucketDataCenter, "X-Request-Id", "X-Event-Key")]
    public void Keeps_the_headers_that_name_the_delivery_and_the_event(ProviderKind kind, string deliveryHeader, string eventHeader)
    {
        IReadOnlyList<string> kept = ProviderCatalog.For(kind).Webhook.KeptHeaders;

        Assert.Contains(deliveryHeader, kept, StringComparer.OrdinalIgnoreCase);
        Assert.Contains(eventHeader, kept, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void No_provider_keeps_a_credential_or_a_signature()
    {
        string[] never = ["Authorization", "X-Gitlab-Token", "X-Hub-Signature", "X-Hub-Signature-256", "webhook-signature", "Cookie"];

        foreach (var provider in ProviderCatalog.All)
        {
            Assert.DoesNotContain(provider.Webhook.KeptHeaders, h => never.Contains(h, StringComparer.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void Every_hook_secret_is_at_least_32_random_bytes() =>
        Assert.All(ProviderCatalog.All, p => Assert.True(p.Webhook.Secret.RandomBytes >= 32, p.Slug));

    [Theory]
    [InlineData(ProviderKind.GitHub, HookSecretUse.HmacKey)]
    [InlineData(ProviderKind.GitLab, HookSecretUse.ClearToken)]
    [InlineData(ProviderKind.BitbucketCloud, HookSecretUse.HmacKey)]
    [InlineData(ProviderKind.BitbucketDataCenter, HookSecretUse.HmacKey)]
    [InlineData(ProviderKind.AzureDevOps, HookSecretUse.BasicPassword)]
    public void Secret_use_matches_how_the_provider_presents_it(ProviderKind kind, HookSecretUse use)
    {
        HookSecretShape shape = ProviderCatalog.For(kind).Webhook.Secret;

        Assert.Equal(use, shape.Use);
        Assert.Equal(use == HookSecretUse.BasicPassword, shape.HasBasicUsername);
    }

    [Fact]
    public void Azure_DevOps_verifier_accepts_the_secret_in_the_form_the_shape_gives()
    {
        var azure = ProviderCatalog.For(ProviderKind.AzureDevOps);
        string accepted = azure.Webhook.Secret.ForVerifier("s3cr3t-pa55", "ihub-0123");
        WebhookRequest request = Request("""{"eventType":"git.push"}""", ("Authorization", Basic("ihub-0123:s3cr3t-pa55")));

        Assert.Equal("ihub-0123:s3cr3t-pa55", accepted);
        Assert.True(azure.Verifier.Verify(request, [accepted], Now).IsValid);
    }

    [Fact]
    public void GitHub_verifier_takes_the_secret_as_it_is()
    {
        var github = ProviderCatalog.For(ProviderKind.GitHub);
        string accepted = github.Webhook.Secret.ForVerifier("It's a Secret to Everybody", basicUsername: null);
        // GitHub's own test vector: https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
        WebhookRequest request = Request("Hello, World!",
            ("X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));

        Assert.Equal("It's a Secret to Everybody", accepted);
        Assert.True(github.Verifier.Verify(request, [accepted], Now).IsValid);
    }
}
