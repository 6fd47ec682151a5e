using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.GitLab;
using static IntegrationHub.Providers.Tests.Webhooks.Deliveries;

namespace IntegrationHub.Providers.Tests.Webhooks;

public sealed class GitLabWebhookVerifierTests
{
    private const string Token = "gl-hook-token-4f9c";
    private const string Body = """{"object_kind":"push"}""";

    private readonly GitLabWebhookVerifier _verifier = new();

    [Fact]
    public void Accepts_GitLab_delivery_with_matching_token()
    {
        VerificationResult result = _verifier.Verify(Request(Body, ("X-Gitlab-Token", Token)), [Token], Now);

        Assert.True(result.IsValid);
        Assert.Equal(0, result.MatchedSecretIndex);
    }

    [Theory]
    [InlineData("gl-hook-token-4f9d")]
    [InlineData("gl-hook-token-4f9c ")]
    [InlineData("gl-hook-token")]
    public void Rejects_GitLab_delivery_with_wrong_token(string token)
    {
        VerificationResult result = _verifier.Verify(Request(Body, ("X-Gitlab-Token", token)), [Token], Now);

        Assert.Equal(VerificationFailure.BadSignature, result.Failure);
    }

    [Fact]
    public void Rejects_GitLab_delivery_without_token_or_signature()
    {
        Assert.Equal(VerificationFailure.MissingHeader, _verifier.Verify(Request(Body), [Token], Now).Failure);
        Assert.Equal(VerificationFailure.MissingHeader, _verifier.Verify(Request(Body, ("X-Gitlab-Token", "")), [Token], Now).Failure);
    }

    [Fact]
    public void Accepts_GitLab_token_of_previous_secret_during_rotation()
    {
        VerificationResult result = _verifier.Verify(Request(Body, ("X-Gitlab-Token", Token)), ["new-token", Token], Now);

        Assert.Equal(1, result.MatchedSecretIndex);
    }

    [Fact]
    public void Rejects_GitLab_token_when_the_hook_has_no_secret()
    {
        Assert.Equal(VerificationFailure.NoSecret, _verifier.Verify(Request(Body, ("X-Gitlab-Token", Token)), [], Now).Failure);
    }

    [Fact]
    public void Reads_GitLab_Idempotency_Key_as_delivery_id_never_the_event_uuid()
    {
        var reader = new GitLabWebhookDeliveryReader();
        (string, string)[] headers =
        [
            ("X-Gitlab-Event", "Push Hook"),
            ("X-Gitlab-Event-UUID", "event-chain-uuid"),
            ("X-Gitlab-Webhook-UUID", "per-request-uuid"),
            ("Idempotency-Key", "stable-key"),
        ];

        Assert.Equal(new WebhookDeliveryInfo("stable-key", "Push Hook", false), reader.Read(Request(Body, headers)));
        Assert.Equal("per-request-uuid", reader.Read(Request(Body, headers[..3])).DeliveryId);
        Assert.Null(reader.Read(Request(Body, headers[..2])).DeliveryId);
    }
}
