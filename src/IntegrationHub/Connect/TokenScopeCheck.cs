using IntegrationHub.ProviderAccess;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Connect;

/// <summary>
/// Checks a pasted GitHub or GitLab access token before anything is stored: whose it is, that it has not expired, and
/// that it carries every scope in <see cref="ProviderDescriptor.PatScopes"/> where the provider reports scopes (GitHub
/// classic tokens in <c>X-OAuth-Scopes</c>, GitLab tokens at <c>/personal_access_tokens/self</c>). Where it reports
/// none (a GitHub fine-grained token) the hub proves what it can with real calls instead: list the repositories, then
/// read the hooks of the first one, which needs the Webhooks permission. Writing a hook cannot be proved without
/// making one, so the form says which permissions to grant.
/// </summary>
public sealed class TokenScopeCheck(ProviderHttp http, TimeProvider clock)
{
    public async Task<(PatCheck? Check, string? Error)> CheckAsync(ProviderKind kind, Uri baseUrl, string pat, string? caBundlePem, CancellationToken ct)
    {
        using var calls = ProviderCallScope.Begin(kind, ProviderOperations.Connect);
        var api = ProviderCatalog.For(kind).CreateApi(http.For(caBundlePem), new ProviderConnectionInfo(baseUrl, pat), clock);
        var needed = api.Descriptor.PatScopes;
        try
        {
            var facts = await api.DescribeTokenAsync(ct);
            if (facts.ExpiresAt is { } expires && expires <= clock.GetUtcNow())
            {
                return (null, $"This token expired on {expires:yyyy-MM-dd}. Make a new one and paste it here.");
            }

            if (facts.Scopes is { } granted && needed.Where(s => !granted.Contains(s, StringComparer.Ordinal)).ToList() is { Count: > 0 } missing)
            {
                return (null, $"The token is missing the scope{(missing.Count > 1 ? "s" : "")} {string.Join(" and ", missing)}. "
                    + $"The hub needs {string.Join(" and ", needed)}; make a token with {(missing.Count > 1 ? "them" : "it")} and try again. Nothing was stored.");
            }

            var first = (await api.ListRepositoriesAsync(null, ct)).Items.FirstOrDefault();
            if (facts.Scopes is null)
            {
                if (first is null)
                {
                    return (null, "The token can see no repository. Give it access to the repositories the hub should watch and try again. Nothing was stored.");
                }

                if (await HookProblemAsync(api, first, ct) is { } problem)
                {
                    return (null, problem);
                }
            }

            return (new PatCheck(facts.User, first, []) { Scopes = facts.Scopes, ExpiresAt = facts.ExpiresAt }, null);
        }
        catch (ProviderApiException ex)
        {
            return (null, ex.Kind switch
            {
                ProviderApiErrorKind.Unauthorized => "The provider did not accept this token. Check that it is complete, has not expired and was made on this instance.",
                ProviderApiErrorKind.Forbidden or ProviderApiErrorKind.NotFound =>
                    $"The token was refused a call the hub needs (the provider answered {(int?)ex.StatusCode}). It needs {string.Join(" and ", needed)}. Nothing was stored.",
                ProviderApiErrorKind.Network => ConnectErrors.PlainWords(ConnectErrors.ForNetwork(ex)),
                ProviderApiErrorKind.RateLimited => "The provider's rate limit for this token is spent. Try again when it resets.",
                _ => "The provider answered in a way the hub could not use. Try again in a few minutes.",
            });
        }
    }

    // GitHub answers 403 "Resource not accessible by personal access token" to a fine-grained token without Webhooks.
    private static async Task<string?> HookProblemAsync(IProviderApi api, ProviderRepository repository, CancellationToken ct)
    {
        try
        {
            await api.Hooks.ListAsync(repository.Ref, ct);
            return null;
        }
        catch (ProviderApiException ex) when (ex.Kind is ProviderApiErrorKind.Forbidden or ProviderApiErrorKind.NotFound)
        {
            return $"The token cannot read the webhooks of {repository.FullPath} (the provider answered {(int?)ex.StatusCode}). "
                + "Give it the repository permission Webhooks: read and write, and try again. Nothing was stored.";
        }
    }
}
