namespace IntegrationHub.Providers.Api;

/// <summary>Whether and how a provider lets us revoke a token on disconnect.</summary>
public enum TokenRevocation
{
    /// <summary>No revoke endpoint (Bitbucket Cloud; PAT-only providers): the tenant revokes at the provider.</summary>
    None,

    /// <summary>RFC 7009 form POST to the revoke URL with client credentials (GitLab <c>/oauth/revoke</c>).</summary>
    Rfc7009,

    /// <summary>
    /// <c>DELETE {api}/applications/{client_id}/token</c>, Basic client auth, JSON body <c>{"access_token": …}</c> (GitHub:
    /// https://docs.github.com/rest/apps/oauth-applications#delete-an-app-token).
    /// </summary>
    ApplicationTokenDelete,
}
