using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.GitLab;
using static IntegrationHub.Providers.Tests.Webhooks.Deliveries;

namespace IntegrationHub.Providers.Tests.Webhooks;

/// <summary>GitLab's signing tokens follow Standard Webhooks; the vector is the spec's own (https://www.standardwebhooks.com/).</summary>
public sealed class GitLabSigningTokenTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long Timestamp = 1614265330;
    private const string Body = """{"test": 2432232314}""";
    private const string Signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(Timestamp);

    private readonly GitLabWebhookVerifier _verifier = new();

    private static WebhookRequest Signed(string body = Body, string signature = Signature, string timestamp = "1614265330", string id = Id) =>
        Request(body, ("webhook-id", id), ("webhook-timestamp", timestamp), ("webhook-signature", signature));

    [Fact]
    public void Accepts_GitLab_signed_delivery_from_the_spec_vector()
    {
        Assert.True(_verifier.Verify(Signed(), [Secret], SignedAt).IsValid);
    }

    [Fact]
    public void Rejects_GitLab_signed_delivery_with_tampered_body()
    {
        Assert.Equal(VerificationFailure.BadSignature, _verifier.Verify(Signed(body: """{"test": 2432232315}"""), [Secret], SignedAt).Failure);
    }

    [Fact]
    public void Rejects_GitLab_signed_delivery_with_a_changed_id()
    {
        Assert.Equal(VerificationFailure.BadSignature, _verifier.Verify(Signed(id: "msg_other"), [Secret], SignedAt).Failure);
    }

    [Fact]
    public void Rejects_GitLab_signed_delivery_under_wrong_secret()
    {
        const string other = "whsec_c2VjcmV0LWtleS1vZi0zMi1ieXRlcy1sb25nLi4uLg==";

        Assert.Equal(VerificationFailure.BadSignature, _verifier.Verify(Signed(), [other], SignedAt).Failure);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-3600)]
    public void Rejects_GitLab_signed_delivery_with_timestamp_out_of_tolerance(int secondsFromNow)
    {
        VerificationResult result = _verifier.Verify(Signed(), [Secret], SignedAt.AddSeconds(-secondsFromNow));

        Assert.Equal(VerificationFailure.StaleTimestamp, result.Failure);
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(299)]
    public void Accepts_GitLab_signed_delivery_within_five_minutes(int secondsFromNow)
    {
        Assert.True(_verifier.Verify(Signed(), [Secret], SignedAt.AddSeconds(-secondsFromNow)).IsValid);
    }

    [Fact]
    public void Accepts_one_matching_signature_among_several()
    {
        string header = "v2,ignored v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= " + Signature;

        Assert.True(_verifier.Verify(Signed(signature: header), [Secret], SignedAt).IsValid);
    }

    [Fact]
    public void Accepts_GitLab_signed_delivery_under_previous_secret_during_rotation()
    {
        VerificationResult result = _verifier.Verify(Signed(), ["whsec_bmV3LXNpZ25pbmcta2V5LW9mLTMyLWJ5dGVzLWxvbmchIQ==", Secret], SignedAt);

        Assert.Equal(1, result.MatchedSecretIndex);
    }

    [Theory]
    [InlineData("not-a-number", Signature)]
    [InlineData("1614265330.5", Signature)]
    [InlineData("1614265330", "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("1614265330", "v1,not base64!")]
    [InlineData("1614265330", "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    public void Rejects_GitLab_signed_delivery_with_malformed_headers(string timestamp, string signature)
    {
        Assert.Equal(VerificationFailure.MalformedHeader, _verifier.Verify(Signed(timestamp: timestamp, signature: signature), [Secret], SignedAt).Failure);
    }

    [Fact]
    public void Rejects_GitLab_signed_delivery_missing_id_or_timestamp()
    {
        WebhookRequest noId = Request(Body, ("webhook-timestamp", "1614265330"), ("webhook-signature", Signature));
        WebhookRequest noTimestamp = Request(Body, ("webhook-id", Id), ("webhook-signature", Signature));

        Assert.Equal(VerificationFailure.MissingHeader, _verifier.Verify(noId, [Secret], SignedAt).Failure);
        Assert.Equal(VerificationFailure.MissingHeader, _verifier.Verify(noTimestamp, [Secret], SignedAt).Failure);
    }

    [Fact]
    public void Signed_delivery_is_not_accepted_on_its_token_alone()
    {
        WebhookRequest request = Request(Body, ("X-Gitlab-Token", "plain-token"), ("webhook-id", Id),
            ("webhook-timestamp", "1614265330"), ("webhook-signature", "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));

        Assert.False(_verifier.Verify(request, ["plain-token", Secret], SignedAt).IsValid);
    }

    [Fact]
    public void Rejects_GitLab_signed_delivery_when_only_token_secrets_are_configured()
    {
        Assert.Equal(VerificationFailure.NoSecret, _verifier.Verify(Signed(), ["plain-token"], SignedAt).Failure);
    }

    [Fact]
    public void Test_helper_signs_like_the_spec()
    {
        Assert.Equal(Signature, SigningSignature(Secret, Id, Timestamp, Body));
    }
}
