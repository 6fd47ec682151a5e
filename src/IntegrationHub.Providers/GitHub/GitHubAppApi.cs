using System.Globalization;
using System.Security.Cryptography;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// A GitHub App's own calls: as the app (a fresh JWT per call) it mints installation tokens and reads or deletes an
/// installation; with an installation token it lists the installation's repositories; with a person's user token it
/// lists the installations that person can reach. Same transport, headers, bounds and errors as every API client.
/// https://docs.github.com/rest/apps/apps, https://docs.github.com/rest/apps/installations
/// </summary>
/// <param name="http">As for <c>ProviderModule.CreateApi</c>: bounded by its Timeout and MaxResponseContentBufferSize; not disposed here.</param>
/// <param name="baseUrl">The instance (null: github.com); an Enterprise Server's API is under <c>{base}/api/v3</c>.</param>
/// <param name="issuer">The app id (or client id), the JWT's <c>iss</c>.</param>
/// <param name="privateKeyPem">The app's private key, PKCS#1 or PKCS#8 PEM.</param>
public sealed class GitHubAppApi(HttpClient http, Uri? baseUrl, string issuer, string privateKeyPem, TimeProvider time) : IDisposable
{
    private readonly RSA _key = GitHubAppJwt.ImportPrivateKey(privateKeyPem);

    /// <summary>A one-hour installation token. https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app</summary>
    public async Task<GitHubInstallationToken> CreateInstallationTokenAsync(long installationId, CancellationToken cancellationToken)
    {
        ApiTransport api = AsApp();
        Uri url = api.Api($"/app/installations/{Id(installationId)}/access_tokens");
        ApiResponse response = await api.SendAsync(HttpMethod.Post, url, body: null, cancellationToken).ConfigureAwait(false);
        GitHubInstallationTokenDto answer = api.Read<GitHubInstallationTokenDto>(response, ProviderJson.SnakeCase);
        if (string.IsNullOrEmpty(answer.Token) || answer.ExpiresAt is not { } expiresAt)
        {
            throw api.BadResponse(url, "the answer holds no token or no expires_at");
        }

        return new GitHubInstallationToken(answer.Token, expiresAt.ToUniversalTime());
    }

    /// <summary>The installation, or null when the app has none of that id (never installed, or uninstalled).</summary>
    public async Task<GitHubInstallation?> GetInstallationAsync(long installationId, CancellationToken cancellationToken)
    {
        ApiTransport api = AsApp();
        ApiResponse? response = await api.TrySendAsync(HttpMethod.Get, api.Api($"/app/installations/{Id(installationId)}"), null, notFoundIsNull: true, cancellationToken)
            .ConfigureAwait(false);
        return response is null ? null : api.Read<GitHubInstallationDto>(response, ProviderJson.SnakeCase).ToInstallation();
    }

    /// <summary>Uninstalls the app from that account; false when it was not installed (already gone).</summary>
    public async Task<bool> DeleteInstallationAsync(long installationId, CancellationToken cancellationToken)
    {
        ApiTransport api = AsApp();
        return await api.TrySendAsync(HttpMethod.Delete, api.Api($"/app/installations/{Id(installationId)}"), null, notFoundIsNull: true, cancellationToken)
            .ConfigureAwait(false) is not null;
    }

    /// <summary>
    /// One page of the repositories an installation covers, by its installation token; the cursor as for the other listings.
    /// https://docs.github.com/rest/apps/installations#list-repositories-accessible-to-the-app-installation
    /// </summary>
    public async Task<ProviderPage<ProviderRepository>> ListInstallationRepositoriesAsync(string installationToken, string? cursor, CancellationToken cancellationToken)
    {
        (GitHubInstallationListsDto page, string? next, ApiResponse response) =
            await PageAsync(installationToken, "/installation/repositories?per_page=100", cursor, cancellationToken).ConfigureAwait(false);
        return new ProviderPage<ProviderRepository>([.. (page.Repositories ?? []).Select(r => r.ToRepository())], next, response.RateLimit);
    }

    /// <summary>
    /// One page of the installations of this app that the person behind <paramref name="userToken"/> can administer or
    /// reach (a user-to-server token of this app). This, not an <c>installation_id</c> in a URL, proves who installed it.
    /// https://docs.github.com/rest/apps/installations#list-app-installations-accessible-to-the-user-access-token
    /// </summary>
    public async Task<ProviderPage<GitHubInstallation>> ListUserInstallationsAsync(string userToken, string? cursor, CancellationToken cancellationToken)
    {
        (GitHubInstallationListsDto page, string? next, ApiResponse response) =
            await PageAsync(userToken, "/user/installations?per_page=100", cursor, cancellationToken).ConfigureAwait(false);
        return new ProviderPage<GitHubInstallation>([.. (page.Installations ?? []).Select(i => i.ToInstallation())], next, response.RateLimit);
    }

    /// <summary>
    /// Whether the person behind <paramref name="userToken"/> administers the account <paramref name="installation"/> is
    /// on: it is their own user account (<c>GET /user</c>), or they are an active admin of its organization
    /// (<c>GET /user/memberships/orgs/{org}</c>). <see cref="ListUserInstallationsAsync"/> cannot say this alone: it lists
    /// every installation the person can reach, read access to one of its repositories being enough.
    /// https://docs.github.com/rest/orgs/members#get-an-organization-membership-for-the-authenticated-user
    /// </summary>
    public async Task<bool> AdministersAccountAsync(string userToken, GitHubInstallation installation, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userToken);
        ApiTransport api = Transport(userToken);
        if (installation.AccountType == "User")
        {
            ApiResponse me = await api.GetAsync(api.Api("/user"), cancellationToken).ConfigureAwait(false);
            return api.Read<GitHubUserDto>(me, ProviderJson.SnakeCase).Id == installation.AccountId;
        }

        if (installation.AccountType != "Organization")
        {
            return false; // an Enterprise installation is not a tenant's to attach
        }

        ApiResponse? membership = await api.TrySendAsync(HttpMethod.Get,
            api.Api($"/user/memberships/orgs/{Uri.EscapeDataString(installation.AccountLogin)}"), null, notFoundIsNull: true, cancellationToken).ConfigureAwait(false);
        return membership is not null && api.Read<GitHubOrgMembershipDto>(membership, ProviderJson.SnakeCase) is { Role: "admin", State: "active" };
    }

    /// <summary>
    /// One page of the app webhook's deliveries (100, newest first), as the app; the next (older) page's URL from the Link
    /// header, which carries GitHub's <c>cursor</c>, or null on the last page.
    /// https://docs.github.com/rest/apps/webhooks#list-deliveries-for-an-app-webhook
    /// </summary>
    public async Task<ProviderPage<GitHubHookDelivery>> ListHookDeliveriesAsync(string? cursor, CancellationToken cancellationToken)
    {
        ApiTransport api = AsApp();
        Uri url = cursor is null ? api.Api("/app/hook/deliveries?per_page=100") : api.CheckedNextUrl(cursor);
        ApiResponse response = await api.GetAsync(url, cancellationToken).ConfigureAwait(false);
        string? next = LinkHeaderPagination.NextUrl(response.Headers);
        return new ProviderPage<GitHubHookDelivery>([.. api.Read<List<GitHubHookDeliveryDto>>(response, ProviderJson.SnakeCase).Select(d => d.ToDelivery())],
            next is null ? null : api.CheckedNextUrl(next).AbsoluteUri, response.RateLimit);
    }

    /// <summary>Asks GitHub to send an app webhook delivery again (same X-GitHub-Delivery). https://docs.github.com/rest/apps/webhooks#redeliver-a-delivery-for-an-app-webhook</summary>
    public async Task RedeliverAsync(long deliveryId, CancellationToken cancellationToken)
    {
        ApiTransport api = AsApp();
        await api.SendAsync(HttpMethod.Post, api.Api($"/app/hook/deliveries/{Id(deliveryId)}/attempts"), body: null, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _key.Dispose();

    private async Task<(GitHubInstallationListsDto Page, string? Next, ApiResponse Response)> PageAsync(
        string token, string firstPath, string? cursor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ApiTransport api = Transport(token);
        Uri url = cursor is null ? api.Api(firstPath) : api.CheckedNextUrl(cursor);
        ApiResponse response = await api.GetAsync(url, cancellationToken).ConfigureAwait(false);
        string? next = LinkHeaderPagination.NextUrl(response.Headers);
        return (api.Read<GitHubInstallationListsDto>(response, ProviderJson.SnakeCase), next is null ? null : api.CheckedNextUrl(next).AbsoluteUri, response);
    }

    // A JWT lives 9 minutes; making one per call costs a signature and never hands GitHub an expired one.
    private ApiTransport AsApp() => Transport(GitHubAppJwt.Create(issuer, _key, time));

    private ApiTransport Transport(string token) => new(http, GitHubDescriptor.Instance, new ProviderConnectionInfo(baseUrl, token), time);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
