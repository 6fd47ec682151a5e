using IntegrationHub.Providers.BitbucketCloud;
using IntegrationHub.Providers.BitbucketDataCenter;
using IntegrationHub.Providers.Events;
using static IntegrationHub.Providers.Tests.Webhooks.Deliveries;

namespace IntegrationHub.Providers.Tests.Webhooks;

/// <summary>Bitbucket Cloud and Data Center sign alike (<c>X-Hub-Signature: sha256=&lt;hex&gt;</c>); each rule is proven for both.</summary>
public sealed class BitbucketWebhookVerifierTests
{
    private const string Secret = "bb-hook-secret";
    private const string Body = """{"eventKey":"repo:refs_changed"}""";

    public static TheoryData<string> Providers => ["cloud", "dc"];

    private static IWebhookVerifier Verifier(string provider) =>
        provider == "cloud" ? new BitbucketCloudWebhookVerifier() : new BitbucketDataCenterWebhookVerifier();

    [Fact]
    public void Accepts_Bitbucket_signature_vector()
    {
        // Same HMAC construction as GitHub's documented vector, under Bitbucket's header name.
        WebhookRequest request = Request("Hello, World!", ("X-Hub-Signature", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));

        Assert.True(new BitbucketCloudWebhookVerifier().Verify(request, ["It's a Secret to Everybody"], Now).IsValid);
        Assert.True(new BitbucketDataCenterWebhookVerifier().Verify(request, ["It's a Secret to Everybody"], Now).IsValid);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Accepts_Bitbucket_delivery_signed_with_the_secret(string provider)
    {
        Assert.True(Verifier(provider).Verify(Request(Body, ("X-Hub-Signature", HubSignature(Secret, Body))), [Secret], Now).IsValid);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Rejects_Bitbucket_delivery_with_tampered_body(string provider)
    {
        WebhookRequest request = Request(Body.Replace("refs", "reps"), ("X-Hub-Signature", HubSignature(Secret, Body)));

        Assert.Equal(VerificationFailure.BadSignature, Verifier(provider).Verify(request, [Secret], Now).Failure);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Rejects_Bitbucket_delivery_signed_with_wrong_secret(string provider)
    {
        WebhookRequest request = Request(Body, ("X-Hub-Signature", HubSignature("other", Body)));

        Assert.Equal(VerificationFailure.BadSignature, Verifier(provider).Verify(request, [Secret], Now).Failure);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Rejects_unsigned_Bitbucket_delivery(string provider)
    {
        WebhookRequest request = Request(Body, ("X-Hub-Signature-256", HubSignature(Secret, Body)));

        Assert.Equal(VerificationFailure.MissingHeader, Verifier(provider).Verify(request, [Secret], Now).Failure);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Rejects_Bitbucket_delivery_with_malformed_signature(string provider)
    {
        string sha1 = "sha1=" + HubSignature(Secret, Body)["sha256=".Length..];

        Assert.Equal(VerificationFailure.MalformedHeader, Verifier(provider).Verify(Request(Body, ("X-Hub-Signature", sha1)), [Secret], Now).Failure);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Accepts_Bitbucket_delivery_signed_with_previous_secret_during_rotation(string provider)
    {
        VerificationResult result = Verifier(provider).Verify(Request(Body, ("X-Hub-Signature", HubSignature(Secret, Body))), ["rotated", Secret], Now);

        Assert.Equal(1, result.MatchedSecretIndex);
    }

    [Fact]
    public void Reads_Bitbucket_Cloud_request_uuid_and_event_key()
    {
        WebhookDeliveryInfo info = new BitbucketCloudWebhookDeliveryReader().Read(Request(Body,
            ("X-Request-UUID", "afe0b0d5-5e8e-4d0e-a7e8-1e5b8c6c1a11"), ("X-Event-Key", "repo:push"), ("X-Hook-UUID", "hook")));

        Assert.Equal(new WebhookDeliveryInfo("afe0b0d5-5e8e-4d0e-a7e8-1e5b8c6c1a11", "repo:push", false), info);
    }

    [Fact]
    public void Reads_Bitbucket_Data_Center_request_id_and_recognises_ping()
    {
        var reader = new BitbucketDataCenterWebhookDeliveryReader();

        Assert.Equal(new WebhookDeliveryInfo("r-1", "diagnostics:ping", true),
            reader.Read(Request("""{"test": true}""", ("X-Request-Id", "r-1"), ("X-Event-Key", "diagnostics:ping"))));
        Assert.Equal(new WebhookDeliveryInfo("r-2", "pr:opened", false),
            reader.Read(Request(Body, ("X-Request-Id", "r-2"), ("X-Event-Key", "pr:opened"))));
    }
}
