using IntegrationHub.Providers.AzureDevOps;
using IntegrationHub.Providers.Events;
using static IntegrationHub.Providers.Tests.Webhooks.Deliveries;

namespace IntegrationHub.Providers.Tests.Webhooks;

public sealed class AzureDevOpsWebhookVerifierTests
{
    private const string Credentials = "ihub:s3cr3t-pa55";
    private const string Body = """{"subscriptionId":"8f0f8f32-1b0e-4b3a-9d8c-5d0c6f1e2a11","notificationId":42,"eventType":"git.push","resource":{}}""";

    private readonly AzureDevOpsWebhookVerifier _verifier = new();

    [Fact]
    public void Accepts_Azure_DevOps_delivery_with_subscription_credentials()
    {
        // "ihub:s3cr3t-pa55" in base64, written out so the test does not share the verifier's encoding.
        WebhookRequest request = Request(Body, ("Authorization", "Basic aWh1YjpzM2NyM3QtcGE1NQ=="));

        Assert.True(_verifier.Verify(request, [Credentials], Now).IsValid);
    }

    [Theory]
    [InlineData("ihub:wrong")]
    [InlineData("other:s3cr3t-pa55")]
    [InlineData("ihub:s3cr3t-pa55 ")]
    public void Rejects_Azure_DevOps_delivery_with_wrong_credentials(string credentials)
    {
        Assert.Equal(VerificationFailure.BadSignature, _verifier.Verify(Request(Body, ("Authorization", Basic(credentials))), [Credentials], Now).Failure);
    }

    [Fact]
    public void Rejects_Azure_DevOps_delivery_without_credentials()
    {
        Assert.Equal(VerificationFailure.MissingHeader, _verifier.Verify(Request(Body), [Credentials], Now).Failure);
    }

    [Theory]
    [InlineData("Bearer aWh1YjpzM2NyM3QtcGE1NQ==")]
    [InlineData("Basic not-base64!!")]
    [InlineData("Basic aWh1Yg==")]
    public void Rejects_Azure_DevOps_delivery_with_malformed_authorization(string header)
    {
        Assert.Equal(VerificationFailure.MalformedHeader, _verifier.Verify(Request(Body, ("Authorization", header)), [Credentials], Now).Failure);
    }

    [Fact]
    public void Accepts_previous_Azure_DevOps_credentials_during_rotation()
    {
        VerificationResult result = _verifier.Verify(Request(Body, ("Authorization", Basic(Credentials))), ["ihub:new-password", Credentials], Now);

        Assert.Equal(1, result.MatchedSecretIndex);
    }

    [Fact]
    public void Rejects_Azure_DevOps_delivery_when_no_credentials_are_configured()
    {
        Assert.Equal(VerificationFailure.NoSecret, _verifier.Verify(Request(Body, ("Authorization", Basic(Credentials))), [], Now).Failure);
    }

    [Fact]
    public void Reads_Azure_DevOps_delivery_id_from_subscription_and_notification()
    {
        var reader = new AzureDevOpsWebhookDeliveryReader();

        Assert.Equal(new WebhookDeliveryInfo("8f0f8f32-1b0e-4b3a-9d8c-5d0c6f1e2a11:42", "git.push", false), reader.Read(Request(Body)));
        Assert.Equal(new WebhookDeliveryInfo(null, "git.push", false), reader.Read(Request(Fixtures.Bytes("azure-devops/git.push.json"))));
        Assert.Equal(new WebhookDeliveryInfo(null, null, false), reader.Read(Request("not json")));
    }

    [Fact]
    public void Azure_DevOps_test_notification_with_the_all_zero_subscription_is_a_ping()
    {
        var reader = new AzureDevOpsWebhookDeliveryReader();

        WebhookDeliveryInfo test = reader.Read(Request(Fixtures.Bytes("azure-devops/ms.vss-code.git-pullrequest-comment-event.drone-go-scm.json")));

        Assert.True(test.IsPing);
        Assert.Equal("00000000-0000-0000-0000-000000000000:2", test.DeliveryId);
        Assert.False(reader.Read(Request(Body)).IsPing);
    }
}
