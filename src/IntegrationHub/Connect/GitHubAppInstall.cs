using IntegrationHub.Audit;
using IntegrationHub.Cleanup;
using IntegrationHub.Data;
using IntegrationHub.ProviderAccess;
using IntegrationHub.ProviderAccess.GitHubApps;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.GitHub;
using IntegrationHub.Secrets;
using IntegrationHub.Settings;
using IntegrationHub.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Connect;

/// <summary>
/// "Install the GitHub App": the start sends a tenant owner to the app's installation page with a state bound to them
/// (as an OAuth connect's); GitHub comes back to the setup URL with <c>installation_id</c>, <c>setup_action</c>, the state
/// and, as the app requests user authorization during installation, a <c>code</c>. An <c>installation_id</c> in a URL
/// proves nothing, so the code is exchanged for the person's user token and the installation is attached only if
/// <c>GET /user/installations</c> lists it (installations the person can reach) and the person administers its account
/// (their own user, or an organization they own), and only if no other tenant holds it. https://docs.github.com/apps/creating-github-apps/registering-a-github-app/about-the-setup-url
/// </summary>
internal sealed partial class GitHubAppInstall(
    TenantScope scope, OAuthStateStore store, OAuthStateProtector states, CallbackStateCheck check, GitHubAppChoice choice,
    GitHubAppDirectory directory, GitHubAppClients clients, ProviderHttp http, ConnectionWriter writer, HubDb db, NpgsqlDataSource data, AuditLog audit,
    IOptions<HubOptions> hub, TimeProvider clock, ILogger<GitHubAppInstall> log)
{
    public const string StartPath = "/connect/github-app/install";
    public const string SetupPath = "/connect/github-app/setup";

    // oauth_states.provider of an install flow: an OAuth callback for "github" can never consume it, nor this one theirs.
    private const string FlowKind = "github-app";

    /// <summary>The setup URL (and callback URL) to enter in the app's settings.</summary>
    public Uri SetupUrl => new($"{hub.Value.PublicBaseUrl.TrimEnd('/')}{SetupPath}");

    /// <summary>Start of "Install this app" for the tenant's own app <paramref name="ownAppId"/>.</summary>
    public static string StartPathFor(Guid ownAppId) => $"{StartPath}?app={ownAppId:D}";

    /// <summary>Whether the connect page offers "Install the GitHub App" (without decrypting anything).</summary>
    public async Task<bool> OfferedAsync(CancellationToken ct)
    {
        if (directory.Platform is not null || scope.TenantId is not { } tenantId)
        {
            return directory.Platform is not null;
        }

        // A connection of its own, not the request's DbContext: the Integrations page's components load side by side.
        await using var cmd = data.CreateCommand("SELECT EXISTS (SELECT 1 FROM github_apps WHERE tenant_id = $1)");
        cmd.Parameters.Add(new() { Value = tenantId });
        return await cmd.ExecuteScalarAsync(ct) is true;
    }

    /// <summary>Where to send the person: the app's installation page, or the integrations page with an error.</summary>
    public async Task<string> StartAsync(HttpContext context, CancellationToken ct)
    {
        OwnerOnly.Require(scope);
        Guid tenantId = scope.RequireTenant();
        Guid userId = scope.UserId ?? throw new InvalidOperationException("Sign in first.");
        string? chosen = context.Request.Query["app"];
        if (await choice.ChosenAsync(chosen, ct) is not { } app)
        {
            return Fail(string.IsNullOrEmpty(chosen) ? ConnectErrors.NotConfigured : ConnectErrors.AppNotFound);
        }

        var flowId = Guid.NewGuid();
        string correlation = SecretGenerator.New();
        // No PKCE: the code comes from GitHub's installation page, not from an authorize request the hub could add a challenge to.
        await store.SaveAsync(new PendingAuthorization(flowId, tenantId, userId, FlowKind, AuthKinds.GitHubApp, GitHubAppChoice.BaseUrl(app), app.ClientId,
            null, null, null, SetupUrl.AbsoluteUri, clock.GetUtcNow() + OAuthStateStore.Lifetime), ct);
        OAuthFlow.SetCorrelationCookie(context, flowId, correlation);
        string state = states.Protect(flowId, tenantId, userId, correlation, null);
        // github.com: https://github.com/apps/{slug}/installations/new; the simulator's app base URL ends in /github.
        return $"{GitHubAppChoice.BaseUrl(app)}/apps/{Uri.EscapeDataString(app.Slug)}/installations/new?state={Uri.EscapeDataString(state)}";
    }

    /// <summary>Where to send the person next: the integrations page with the connection, or with an error key.</summary>
    public async Task<string> CompleteAsync(HttpContext context, CancellationToken ct)
    {
        var (_, pending, error) = await check.ConsumeAsync(context, FlowKind, ct);
        if (error is not null || pending is null)
        {
            return await RefuseAsync(error ?? ConnectErrors.StateInvalid, null, ct);
        }

        var query = context.Request.Query;
        // A person who may not install on the account asked its owner instead: GitHub returns with no installation yet.
        // https://docs.github.com/apps/creating-github-apps/registering-a-github-app/about-the-setup-url
        if (query["setup_action"] == "request" && string.IsNullOrEmpty(query["installation_id"]))
        {
            return Fail(ConnectErrors.AppRequested);
        }

        if (!long.TryParse(query["installation_id"], out long installationId) || installationId <= 0)
        {
            return await RefuseAsync(ConnectErrors.AppInstallationUnknown, null, ct);
        }

        // The app the flow started with; it may have been replaced or removed since.
        if (await choice.StartedWithAsync(pending, ct) is not { } app)
        {
            return await RefuseAsync(ConnectErrors.NotConfigured, installationId, ct);
        }

        if (string.IsNullOrEmpty(query["code"]))
        {
            return await RefuseAsync(ConnectErrors.AppCodeMissing, installationId, ct);
        }

        try
        {
            var tokens = await new OAuthTokenClient(http.For(app.CaBundlePem), GitHubDescriptor.Instance, app.BaseUrl,
                new OAuthClientCredentials(app.ClientId, app.ClientSecret), clock).ExchangeCodeAsync(query["code"].ToString(), SetupUrl, null, ct);
            using var api = clients.For(app);
            if (!await ReachesAsync(api, tokens.AccessToken, installationId, ct))
            {
                return await RefuseAsync(ConnectErrors.AppNotYours, installationId, ct);
            }

            if (await api.GetInstallationAsync(installationId, ct) is not { } installation)
            {
                return await RefuseAsync(ConnectErrors.AppInstallationUnknown, installationId, ct);
            }

            // Reaching it is not owning it: a collaborator on one repository of an organization reaches its installation.
            if (!await api.AdministersAccountAsync(tokens.AccessToken, installation, ct))
            {
                return await RefuseAsync(ConnectErrors.AppNotYours, installationId, ct);
            }

            if (await HeldElsewhereAsync(app, installationId, ct))
            {
                return await RefuseAsync(ConnectErrors.AppHeldElsewhere, installationId, ct);
            }

            var (connection, _) = await writer.UpsertAsync(new ConnectionDraft("github", GitHubAppChoice.BaseUrl(app), AuthKinds.GitHubApp, $"installation:{installationId}",
                installation.AccountLogin, $"GitHub App · {installation.AccountLogin}", [])
            {
                GitHubAppId = app.OwnAppId,
                GitHubInstallationId = installationId,
            }, ct);
            Installed(log, installationId, connection.Id);
            return $"/integrations?connected={connection.Id}";
        }
        catch (ConnectionRevokedException ex)
        {
            return Fail(ConnectErrors.Revoked, ex.ConnectionId.ToString());
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear(); // another tenant attached it between the check and the write
            return await RefuseAsync(ConnectErrors.AppHeldElsewhere, installationId, ct);
        }
        catch (OAuthException ex)
        {
            return await RefuseAsync(ex.Error, installationId, ct);
        }
        catch (ProviderApiException ex)
        {
            return await RefuseAsync(ex.Kind == ProviderApiErrorKind.Network ? ConnectErrors.ForNetwork(ex) : ConnectErrors.ProviderFailed, installationId, ct);
        }
    }

    /// <summary>Whether the person's user token lists the installation among those they can reach (every page).</summary>
    private static async Task<bool> ReachesAsync(GitHubAppApi api, string userToken, long installationId, CancellationToken ct)
    {
        string? cursor = null;
        do
        {
            var page = await api.ListUserInstallationsAsync(userToken, cursor, ct);
            if (page.Items.Any(i => i.Id == installationId))
            {
                return true;
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return false;
    }

    private Task<bool> HeldElsewhereAsync(GitHubAppCredentials app, long installationId, CancellationToken ct)
    {
        Guid tenantId = scope.RequireTenant();
        // Across tenants on purpose: the unique index says the same, this says it before anything is written.
        return db.Connections.IgnoreQueryFilters().AnyAsync(c => c.GitHubInstallationId == installationId && c.GitHubAppId == app.OwnAppId
            && c.TenantId != tenantId, ct);
    }

    private async Task<string> RefuseAsync(string error, long? installationId, CancellationToken ct)
    {
        Refused(log, installationId, error);
        if (scope.TenantId is { } tenantId)
        {
            audit.Record("connection.connect_refused", tenantId, target: installationId is { } id ? $"github-app-installation:{id}" : "github-app", detail: error);
            await db.SaveChangesAsync(ct);
        }

        return Fail(error);
    }

    private static string Fail(string error, string? detail = null) =>
        $"/integrations?error={Uri.EscapeDataString(error)}&provider=github" + (detail is null ? "" : "&detail=" + Uri.EscapeDataString(detail));

    [LoggerMessage(Level = LogLevel.Information, Message = "Attached installation {InstallationId} of a GitHub App as connection {ConnectionId}")]
    private static partial void Installed(ILogger logger, long installationId, Guid connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a GitHub App installation {InstallationId}: {Error}")]
    private static partial void Refused(ILogger logger, long? installationId, string error);
}
