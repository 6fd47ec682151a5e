using Microsoft.Extensions.Options;

namespace IntegrationHub.Addresses;

/// <summary>
/// Outbound webhook target URLs that tenants type. The same trust rules as base URLs (<see cref="BaseUrlGuard"/>:
/// HTTPS unless the operator allows HTTP, public hosts unless allow-listed), except that a path and a query string are
/// kept, since receivers often route or authenticate by them. User info is refused (credentials belong in the
/// signature, not the URL) and so is a fragment (never sent, so it only misleads). The socket is checked again on
/// every delivery by <see cref="GuardedSockets"/>.
/// </summary>
public sealed class TargetUrlGuard(BaseUrlGuard guard, IOptions<SecurityOptions> options)
{
    public const int MaxLength = 2000;

    /// <summary>The URL as it will be called, or an error in plain words.</summary>
    public async Task<(Uri? Url, string? Error)> CheckAsync(string? input, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > MaxLength
            || !Uri.TryCreate(input.Trim(), UriKind.Absolute, out var url))
        {
            return (null, "Enter the full address of the receiver, for example https://ci.example.com/hooks/hub.");
        }

        bool httpAllowed = options.Value.AllowHttpBaseUrls;
        if (url.Scheme != Uri.UriSchemeHttps && !(httpAllowed && url.Scheme == Uri.UriSchemeHttp))
        {
            return (null, httpAllowed ? "The address must start with https:// or http://." : "The address must start with https://.");
        }

        if (url.UserInfo.Length > 0)
        {
            return (null, "The address must not contain a user name or password.");
        }

        if (url.Fragment.Length > 0 || input.Contains('#', StringComparison.Ordinal))
        {
            return (null, "The address must not contain a fragment (#...).");
        }

        string? refusal = await guard.RefusalAsync(url.Host, url.Port, ct);
        return refusal is null ? (url, null) : (null, refusal);
    }
}
