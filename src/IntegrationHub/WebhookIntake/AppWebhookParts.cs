using IntegrationHub.ProviderAccess.GitHubApps;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.WebhookIntake;

/// <summary>The app webhook ingress's services, bound in one parameter (the minimal API takes them from the container).</summary>
internal sealed record AppWebhookParts(AppWebhookDirectory Directory, GroupCommit Commits, UnknownInstallations Unknown, RejectionCounter Rejections,
    SourceAddressBudget Addresses, GitHubAppProtectors Protectors, TimeProvider Clock, ILogger<AppWebhookDirectory> Log);
