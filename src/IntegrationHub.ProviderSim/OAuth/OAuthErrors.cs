using System.Text;
using System.Text.Json.Nodes;

namespace IntegrationHub.ProviderSim.OAuth;

/// <summary>RFC 6749 §5.2 error answers with the wording Doorkeeper (GitLab) and Bitbucket use.</summary>
internal static class OAuthErrors
{
    public static IResult InvalidClient() => Error(401, "invalid_client",
        "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.");

    public static IResult InvalidGrant() => Error(400, "invalid_grant",
        "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.");

    public static IResult UnsupportedGrantType() => Error(400, "unsupported_grant_type",
        "The authorization grant type is not supported by the authorization server.");

    public static IResult Error(int status, string error, string description) => Results.Content(
        new JsonObject { ["error"] = error, ["error_description"] = description }.ToJsonString(),
        "application/json; charset=utf-8", Encoding.UTF8, status);
}
