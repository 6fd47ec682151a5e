using IntegrationHub.Providers.BitbucketDataCenter;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.GitLab;
using static IntegrationHub.Providers.Tests.Webhooks.Deliveries;

namespace IntegrationHub.Providers.Tests.Webhooks;

/// <summary>Delivery ids, event names and pings read from their second places when the usual header is missing.</summary>
public sealed class DeliveryReaderVariantTests
{
    [Fact]
    public void GitLab_without_idempotency_key_takes_the_signing_webhook_id_before_the_per_request_uuid()
    {
        var reader = new GitLabWebhookDeliveryReader();

        WebhookDeliveryInfo info = reader.Read(Request("""{"object_kind":"push"}""",
            ("X-Gitlab-Event", "Push Hook"), ("webhook-id", "msg_2Lz"), ("X-Gitlab-Webhook-UUID", "per-request-uuid")));

        Assert.Equal("msg_2Lz", info.DeliveryId);
    }

    [Fact]
    public void GitLab_without_event_header_is_named_by_the_bodys_object_kind_or_system_hook_event_name()
    {
        var reader = new GitLabWebhookDeliveryReader();

        Assert.Equal("issue", reader.Read(Request(Fixtures.Bytes("gitlab/issue_hook.json"), ("Idempotency-Key", "k"))).EventName);
        Assert.Equal("repository_update", reader.Read(Request("""{"event_name":"repository_update"}""")).EventName);
        Assert.Null(reader.Read(Request("not json")).EventName);
        Assert.Equal("Issue Hook", reader.Read(Request(Fixtures.Bytes("gitlab/issue_hook.json"), ("X-Gitlab-Event", "Issue Hook"))).EventName);
    }

    [Fact]
    public void Bitbucket_Data_Center_without_event_header_is_named_by_the_bodys_event_key()
    {
        var reader = new BitbucketDataCenterWebhookDeliveryReader();

        WebhookDeliveryInfo info = reader.Read(Request(Fixtures.Bytes("bitbucket-server/pr_opened.json"), ("X-Request-Id", "r-3")));

        Assert.Equal(new WebhookDeliveryInfo("r-3", "pr:opened", false), info);
    }

    [Fact]
    public void Bitbucket_Data_Center_test_body_without_event_header_is_a_ping()
    {
        var reader = new BitbucketDataCenterWebhookDeliveryReader();

        Assert.Equal(new WebhookDeliveryInfo("r-4", "diagnostics:ping", true), reader.Read(Request("""{"test": true}""", ("X-Request-Id", "r-4"))));
        Assert.Equal(new WebhookDeliveryInfo(null, null, false), reader.Read(Request("""{"test": false}""")));
    }
}
