using IntegrationHub.Addresses;
using IntegrationHub.Cleanup;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Connect;

/// <summary>Error keys a connect flow redirects with, and their plain words. Keys never carry provider text or secrets.</summary>
public static class ConnectErrors
{
    public const string StateInvalid = "state_invalid";
    public const string StateUsed = "state_used";
    public const string WrongAccount = "state_wrong_account";
    public const string PkceMissing = "pkce_missing";
    public const string CodeMissing = "code_missing";
    public const string Revoked = "revoked";
    public const string Unreachable = "unreachable";
    public const string BaseUrlRefused = "base_url_refused";
    public const string CertificateUntrusted = "certificate_untrusted";
    public const string MissingScope = "missing_scope";
    public const string NotConfigured = "not_configured";
    public const string ProviderFailed = "provider_failed";
    public const string WatchModeUnknown = "watch_mode_unknown";
    public const string AppCodeMissing = "github_app_code_missing";
    public const string AppNotYours = "github_app_not_yours";
    public const string AppInstallationUnknown = "github_app_installation_unknown";
    public const string AppHeldElsewhere = "github_app_held_elsewhere";
    public const string AppNotFound = "github_app_not_found";
    public const string AppRequested = "github_app_requested";

    /// <summary>The key for a call that never got an answer: refused by the guard, an untrusted certificate, or unreachable.</summary>
    public static string ForNetwork(ProviderApiException ex)
    {
        for (Exception? inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is AddressRefusedException)
            {
                return BaseUrlRefused;
            }

            if (inner is System.Security.Authentication.AuthenticationException)
            {
                return CertificateUntrusted;
            }
        }

        return Unreachable;
    }

    /// <summary>Why a revoked connection cannot be reconnected or disconnected by its tenant.</summary>
    public static string PlainWords(string? key) => key switch
    {
        StateInvalid => "This sign-in link is not valid or has expired (links last 10 minutes). Start again from Connect.",
        StateUsed => "This sign-in link was already used or has expired. Start again from Connect.",
        WrongAccount => "This sign-in link was started by another person or for another tenant, so it was not used.",
        PkceMissing => "The authorization could not be verified (missing PKCE proof). Start again from Connect.",
        CodeMissing => "The provider sent no authorization code back, so there was nothing to connect. Start again from Connect.",
        Revoked => ConnectionRevokedException.Words(null),
        Unreachable => "The provider could not be reached. Check the base URL and that the hub can reach it, then try again.",
        BaseUrlRefused => "The provider's address is not allowed: it must be public HTTPS unless the operator allows otherwise.",
        CertificateUntrusted => "The provider's TLS certificate is not trusted. If the instance uses an internal certificate authority, paste that authority's certificate (PEM) in the CA bundle field.",
        MissingScope => "The provider granted fewer permissions than the hub needs. Allow every listed scope on the OAuth application and connect again.",
        NotConfigured => "This provider is not set up by the operator yet.",
        ProviderFailed => "The provider answered in a way the hub could not use. Try again in a few minutes.",
        WatchModeUnknown => WatchChoice.Refusal,
        AppCodeMissing => "GitHub sent no user authorization with the installation, so the hub cannot tell who installed it. The app needs \"Request user authorization (OAuth) during installation\" ticked; then install again.",
        AppNotYours => "That installation is not one you can administer on GitHub, so it was not attached. Install the app from the hub on an account you administer.",
        AppInstallationUnknown => "GitHub does not know that installation of the app (it may have been uninstalled). Install the app again.",
        AppRequested => "GitHub sent your request to install the app to the account's owner: nothing is connected yet. Once they approve it, come back and click Install the GitHub App again (or ask them to install it from the hub).",
        AppNotFound => "This tenant has no such GitHub App (it may have been deleted). Choose one on the own GitHub App page.",
        AppHeldElsewhere => "That installation is already connected to another tenant of this hub. Uninstall it there first, or install the app on another account.",
        null or "" => "",
        _ => OAuthErrorCodes.PlainWords(key),
    };
}
