using IntegrationHub.Addresses;
using IntegrationHub.Cleanup;
using IntegrationHub.Data;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Tenancy;

namespace IntegrationHub.Connect;

/// <summary>
/// The Bitbucket Data Center form, for the page on its circuit and for the HTTP post alike: one repository named by
/// project key and slug; with a token the hub checks it and registers the webhook itself (<see cref="PatConnector"/>),
/// without one the tenant gets a webhook URL and a fresh secret to paste (<see cref="WebhookOnlyConnector"/>).
/// </summary>
public sealed class BitbucketDcConnector(BaseUrlGuard guard, PatConnector pats, WebhookOnlyConnector webhookOnly, TenantScope scope)
{
    /// <summary>The events the person ticks on a webhook-only repository's webhook (the page and the post's answer list them).</summary>
    public const string WebhookEvents = "Repository: push; Pull request: opened, source branch updated, modified, merged, declined, deleted, comment added";

    public async Task<BitbucketDcOutcome> ConnectAsync(string? baseUrl, string? projectKey, string? slug, string? pat, string? caBundlePem, CancellationToken ct)
    {
        OwnerOnly.Require(scope); // before the address guard's lookups and the has-token query: a member learns nothing
        var (url, problem) = await guard.CheckAsync(baseUrl, ct);
        if (url is null || string.IsNullOrWhiteSpace(projectKey) || string.IsNullOrWhiteSpace(slug))
        {
            return new(Error: problem ?? "Enter the project key and the repository slug.");
        }

        string? ca = string.IsNullOrWhiteSpace(caBundlePem) ? null : caBundlePem.Trim();
        if (ca is not null && CaBundleTrust.Parse(ca).Error is { } caError)
        {
            return new(Error: caError);
        }

        if (string.IsNullOrWhiteSpace(pat))
        {
            try
            {
                var (_, hookUrl, secret) = await webhookOnly.CreateAsync(url, projectKey.Trim(), slug.Trim(), ct);
                return new(WebhookUrl: hookUrl, Secret: secret, FullPath: $"{projectKey.Trim()}/{slug.Trim()}");
            }
            catch (Exception ex) when (ex is ConnectionRevokedException or HasTokenException)
            {
                return new(Error: ex.Message);
            }
        }

        var (connection, failure) = await pats.ConnectBitbucketDcAsync(url, projectKey.Trim(), slug.Trim(), pat, ca, ct);
        return connection is null ? new(Error: failure) : new(ConnectedId: connection.Id);
    }
}
