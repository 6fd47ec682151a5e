namespace IntegrationHub.Providers.Api;

/// <summary>
/// OAuth error codes (RFC 6749 §4.1.2.1 and §5.2), the provider-specific ones mapped onto them, and plain words
/// for people.
/// </summary>
public static class OAuthErrorCodes
{
    public const string InvalidGrant = "invalid_grant";
    public const string InvalidClient = "invalid_client";
    public const string InvalidScope = "invalid_scope";
    public const string AccessDenied = "access_denied";
    public const string InvalidRequest = "invalid_request";
    public const string UnauthorizedClient = "unauthorized_client";
    public const string ServerError = "server_error";

    /// <summary>
    /// GitHub answers its token endpoint with its own codes (and HTTP 200).
    /// https://docs.github.com/apps/oauth-apps/maintaining-oauth-apps/troubleshooting-oauth-app-access-token-request-errors
    /// </summary>
    public static string Normalize(string? error) => error switch
    {
        "bad_verification_code" or "bad_refresh_token" or "redirect_uri_mismatch" => InvalidGrant,
        "incorrect_client_credentials" => InvalidClient,
        "unverified_user_email" => AccessDenied,
        null or "" => InvalidRequest,
        _ => error,
    };

    public static string PlainWords(string error) => error switch
    {
        InvalidGrant => "The authorization has expired or was revoked. Connect again to grant access.",
        InvalidClient => "The provider did not accept the application's client ID or secret. Check the OAuth application settings.",
        InvalidScope => "The provider refused the requested permissions. Make sure the OAuth application allows every scope the hub needs.",
        AccessDenied => "Access was not granted at the provider.",
        UnauthorizedClient => "This OAuth application is not allowed to use this kind of authorization.",
        ServerError or "temporarily_unavailable" => "The provider had a problem. Try again in a few minutes.",
        _ => "The provider refused the authorization request.",
    };
}
