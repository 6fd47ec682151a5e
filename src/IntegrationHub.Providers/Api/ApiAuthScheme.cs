namespace IntegrationHub.Providers.Api;

/// <summary>How an access token or PAT is presented on API calls.</summary>
public enum ApiAuthScheme
{
    /// <summary><c>Authorization: Bearer {token}</c> — OAuth tokens everywhere, and GitLab / Bitbucket DC personal access tokens.</summary>
    Bearer,

    /// <summary>
    /// <c>Authorization: Basic base64(":" + pat)</c> — Azure DevOps PATs: any user name, the PAT as password.
    /// https://learn.microsoft.com/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate#use-a-pat-in-your-code
    /// </summary>
    BasicPat,
}
