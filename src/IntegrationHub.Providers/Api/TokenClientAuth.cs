namespace IntegrationHub.Providers.Api;

/// <summary>How the OAuth client authenticates at the token endpoint (RFC 6749 §2.3.1).</summary>
public enum TokenClientAuth
{
    /// <summary><c>client_id</c> and <c>client_secret</c> in the form body (GitHub, GitLab).</summary>
    RequestBody,

    /// <summary>HTTP Basic with client id and secret (Bitbucket Cloud's documented way).</summary>
    BasicHeader,
}
