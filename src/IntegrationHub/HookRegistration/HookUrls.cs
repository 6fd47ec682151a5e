using IntegrationHub.Settings;
using Microsoft.Extensions.Options;

namespace IntegrationHub.HookRegistration;

/// <summary>
/// Where providers deliver: <c>{Hub:PublicBaseUrl}/hooks/{provider-slug}/{hookId}</c>. The id names the hook row, so the
/// ingress finds the secret without trusting anything in the body. A URL under the prefix is not proof that a hook is
/// one connection's: every tenant watching the same repository has its hooks there too (see <see cref="HookOwnership"/>).
/// </summary>
public sealed class HookUrls(IOptions<HubOptions> hub)
{
    public string Prefix(string providerSlug) => $"{hub.Value.PublicBaseUrl.TrimEnd('/')}/hooks/{providerSlug}/";

    public Uri For(string providerSlug, Guid hookId) => new(Prefix(providerSlug) + hookId.ToString("D"));

    /// <summary>Basic-auth user name for Azure DevOps subscriptions: unique per hook, not secret.</summary>
    public static string BasicUsername(Guid hookId) => "ihub-" + hookId.ToString("N");
}
