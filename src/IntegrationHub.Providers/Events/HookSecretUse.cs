namespace IntegrationHub.Providers.Events;

/// <summary>What a provider does with a hook's secret, which decides what the verifier is handed.</summary>
public enum HookSecretUse
{
    /// <summary>The key of an HMAC over the body (GitHub, Bitbucket Cloud and Data Center).</summary>
    HmacKey,

    /// <summary>Sent back in clear on every delivery (GitLab's <c>X-Gitlab-Token</c>).</summary>
    ClearToken,

    /// <summary>The password of Basic credentials whose user name is per hook (Azure DevOps service hooks).</summary>
    BasicPassword,
}
