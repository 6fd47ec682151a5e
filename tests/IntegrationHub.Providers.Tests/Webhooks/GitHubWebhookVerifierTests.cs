using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.GitHub;
using static IntegrationHub.Providers.Tests.Webhooks.Deliveries;

namespace IntegrationHub.Providers.Tests.Webhooks;

public sealed class GitHubWebhookVerifierTests
{
    // Test vector from https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
    private const string Secret = "It's a Secret to Everybody";
    private const string Body = "Hello, World!";
    private const string Signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    private readonly GitHubWebhookVerifier _verifier = new();

    [Fact]
    public void Accepts_GitHub_docs_test_vector()
    {
        VerificationResult result = _verifier.Verify(Request(Body, ("X-Hub-Signature-256", Signature)), [Secret], Now);

        Assert.True(result.IsValid);
        Assert.Equal(0, result.MatchedSecretIndex);
    }

    [Fact]
    public void Accepts_GitHub_signature_whatever_the_header_and_hex_case()
    {
        VerificationResult result = _verifier.Verify(Request(Body, ("x-hub-signature-256", Signature.ToUpperInvariant().Replace("SHA256=", "sha256="))), [Secret], Now);

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Rejects_GitHub_delivery_with_tampered_body()
    {
        VerificationResult result = _verifier.Verify(Request("Hello, World?", ("X-Hub-Signature-256", Signature)), [Secret], Now);

        Assert.Equal(VerificationFailure.BadSignature, result.Failure);
    }

    [Fact]
    public void Rejects_GitHub_delivery_signed_with_wrong_secret()
    {
        VerificationResult result = _verifier.Verify(Request(Body, ("X-Hub-Signature-256", HubSignature("not the secret", Body))), [Secret], Now);

        Assert.Equal(VerificationFailure.BadSignature, result.Failure);
        Assert.Null(result.MatchedSecretIndex);
    }

    [Fact]
    public void Rejects_GitHub_delivery_without_signature_even_with_legacy_sha1_header()
    {
        VerificationResult result = _verifier.Verify(Request(Body, ("X-Hub-Signature", "sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59")), [Secret], Now);

        Assert.Equal(VerificationFailure.MissingHeader, result.Failure);
    }

    [Theory]
    [InlineData("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1")]
    [InlineData("sha256=zz7107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha256=")]
    public void Rejects_GitHub_delivery_with_malformed_signature(string header)
    {
        VerificationResult result = _verifier.Verify(Request(Body, ("X-Hub-Signature-256", header)), [Secret], Now);

        Assert.Equal(VerificationFailure.MalformedHeader, result.Failure);
    }

    [Fact]
    public void Accepts_GitHub_delivery_signed_with_previous_secret_during_rotation()
    {
        VerificationResult result = _verifier.Verify(Request(Body, ("X-Hub-Signature-256", Signature)), ["the new secret", Secret], Now);

        Assert.True(result.IsValid);
        Assert.Equal(1, result.MatchedSecretIndex);
    }

    [Fact]
    public void Rejects_GitHub_delivery_when_the_hook_has_no_secret()
    {
        WebhookRequest request = Request(Body, ("X-Hub-Signature-256", HubSignature(string.Empty, Body)));

        Assert.Equal(VerificationFailure.NoSecret, _verifier.Verify(request, [], Now).Failure);
        Assert.Equal(VerificationFailure.NoSecret, _verifier.Verify(request, [string.Empty], Now).Failure);
    }

    [Fact]
    public void Failure_detail_never_contains_the_secret_or_signature()
    {
        VerificationResult result = _verifier.Verify(Request(Body, ("X-Hub-Signature-256", HubSignature("wrong", Body))), [Secret], Now);

        Assert.DoesNotContain(Secret, result.Detail);
        Assert.DoesNotContain("757107", result.Detail);
        Assert.DoesNotContain(Secret, result.ToString());
    }

    [Fact]
    public void Reads_GitHub_delivery_id_event_and_ping()
    {
        var reader = new GitHubWebhookDeliveryReader();

        WebhookDeliveryInfo ping = reader.Read(Request("{}", ("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"), ("X-GitHub-Event", "ping")));
        WebhookDeliveryInfo push = reader.Read(Request("{}", ("x-github-delivery", "d1"), ("x-github-event", "push")));

        Assert.Equal(new WebhookDeliveryInfo("72d3162e-cc78-11e3-81ab-4c9367dc0958", "ping", true), ping);
        Assert.Equal(new WebhookDeliveryInfo("d1", "push", false), push);
    }
}
