using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Data;
using IntegrationHub.Outbound;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Local;

/// <summary>
/// What the mention bot needs from the hub: the demo tenant's API key and a subscription to the bot's URL. A
/// subscription's secret is shown only when it is made, so it is kept in the data folder's demo-credentials.json
/// (<c>MentionBotWebhookSecret</c>) beside the key (<c>DemoApiKey</c>); a subscription whose secret was lost gets a new one.
/// </summary>
internal static class MentionBotSetup
{
    public const string SecretField = "MentionBotWebhookSecret";
    public const string ApiKeyField = "DemoApiKey";

    /// <summary>The kinds that can mention someone: comments, and pull requests and issues as they are opened.</summary>
    private static readonly string[] Kinds =
        ["CommentCreatedOnPullRequest", "CommentCreatedOnIssue", "CommentCreatedOnCommit", "PullRequestOpened", "IssueOpened"];

    public static async Task<(string ApiKey, string Secret)> PrepareAsync(IServiceProvider services, string dataDir, DemoCredentials credentials,
        string botUrl, CancellationToken ct)
    {
        string file = Path.Combine(dataDir, "demo-credentials.json");
        string apiKey = credentials.DemoApiKey
            ?? throw new InvalidOperationException($"{file} has no {ApiKeyField}: the demo tenant has no API key for the bot.");
        var tenantId = credentials.DemoTenantId;
        // Edited as JSON, so fields this code does not know survive.
        var stored = JsonNode.Parse(await File.ReadAllTextAsync(file, ct))!.AsObject();

        await using var scope = services.CreateAsyncScope();
        // Made by the local default on the demo tenant's behalf; the audit log names it so.
        scope.ServiceProvider.GetRequiredService<TenantScope>().SetApiKey(tenantId, "local default (mention bot)");
        var subscriptions = scope.ServiceProvider.GetRequiredService<SubscriptionService>();
        var target = new Uri(botUrl.TrimEnd('/') + "/webhooks");
        var existing = (await subscriptions.ListAsync(ct)).FirstOrDefault(s => Uri.TryCreate(s.Url, UriKind.Absolute, out var u) && u == target);

        string? secret = stored[SecretField]?.GetValue<string>();
        SubscriptionChange? change = null;
        if (existing is null)
        {
            change = await subscriptions.CreateAsync(new SubscriptionInput(target.AbsoluteUri, Kinds, null, "Mention bot (local default)"), null, ct);
        }
        else
        {
            if (!existing.Enabled)
            {
                // Disabled after failing for days (the bot was not running): it is running now.
                await subscriptions.UpdateAsync(existing.Id, new SubscriptionInput(Enabled: true), null, ct);
            }

            if (secret is null)
            {
                change = await subscriptions.RotateSecretAsync(existing.Id, null, ct);
            }
        }

        if (change is not null)
        {
            secret = change.Secret ?? throw new InvalidOperationException("The bot's subscription was refused: "
                + string.Join(" ", (change.Errors ?? new Dictionary<string, string[]>()).SelectMany(e => e.Value)));
            stored[SecretField] = secret;
            await File.WriteAllTextAsync(file, stored.ToJsonString(new JsonSerializerOptions { WriteIndented = false }), ct);
        }

        return (apiKey, secret!);
    }
}
