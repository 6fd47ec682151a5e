using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.OAuth;

/// <summary>
/// The authorize step shared by GitHub, GitLab and Bitbucket Cloud: client and redirect checks, scope checks,
/// PKCE challenge capture, auto-approve or consent page, and the redirect back with <c>state</c> untouched.
/// Errors after a valid redirect URI go back to the client as <c>?error=...&amp;state=...</c> (RFC 6749 §4.1.2.1).
/// </summary>
internal static class AuthorizeEndpoint
{
    public static async Task<IResult> Handle(HttpContext context, AuthorizeRules rules)
    {
        var request = context.Request;
        var form = request.HasFormContentType ? await request.ReadFormAsync(context.RequestAborted) : null;
        string? Get(string name)
        {
            var v = form?[name].ToString();
            if (string.IsNullOrEmpty(v)) v = request.Query[name].ToString();
            return string.IsNullOrEmpty(v) ? null : v;
        }

        var services = context.RequestServices;
        var tokens = services.GetRequiredService<TokenStore>();
        var options = services.GetRequiredService<SimulatorOptions>();
        var bootstrap = services.GetRequiredService<SimBootstrap>();
        var client = tokens.FindClient(rules.Provider, Get("client_id"));
        if (client is null)
        {
            return Results.Content("<h1>Application not found</h1><p>Client authentication failed due to unknown client.</p>", "text/html", statusCode: 404);
        }

        var state = Get("state");
        var redirect = Get("redirect_uri") ?? (rules.RedirectUriOptional ? client.RedirectUris.FirstOrDefault() : null);
        if (redirect is null || !ClientRedirects.Matches(client, redirect, rules.SubdirectoryRedirects))
        {
            if (rules.MismatchRedirectsToCallback && client.RedirectUris.Count > 0)
            {
                // The person goes to the app's registered callback with redirect_uri_mismatch.
                return Results.Redirect(ClientRedirects.With(client.RedirectUris[0], Error("redirect_uri_mismatch",
                    "The redirect_uri MUST match the registered callback URL for this application.", state)));
            }

            return Results.Content("<h1>An error has occurred</h1><p>The redirect URI included is not valid.</p>", "text/html", statusCode: 400);
        }

        if (!rules.ResponseTypeOptional && Get("response_type") != "code")
        {
            return Results.Redirect(ClientRedirects.With(redirect, Error("unsupported_response_type",
                "The authorization server does not support this response type.", state)));
        }

        var requested = (Get("scope") ?? "").Split(rules.ScopeSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (rules.EnforceAppScopes && client.Scopes is not null && requested.Any(s => !client.Scopes.Contains(s)))
        {
            return Results.Redirect(ClientRedirects.With(redirect, Error("invalid_scope",
                "The requested scope is invalid, unknown, or malformed.", state)));
        }

        IReadOnlyList<string> scopes = requested.Length > 0 ? requested : client.Scopes?.Order().ToArray() ?? [];
        if (rules.ScopesEditableByUser && (form?.ContainsKey("granted_scope") == true || request.Query.ContainsKey("granted_scope")))
        {
            var granted = (Get("granted_scope") ?? "").Split(rules.ScopeSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            scopes = scopes.Where(s => granted.Contains(s, StringComparer.Ordinal)).ToArray();
        }

        var challenge = rules.SupportsPkce ? Get("code_challenge") : null;
        var method = challenge is null ? null : Get("code_challenge_method") ?? "plain";
        if (challenge is not null && method is not ("S256" or "plain"))
        {
            return Results.Redirect(ClientRedirects.With(redirect, Error("invalid_request", "Code challenge method is not supported.", state)));
        }

        var decision = Get("decision");
        if (decision is null && !options.AutoApprove)
        {
            var fields = new[] { "client_id", "redirect_uri", "scope", "state", "response_type", "code_challenge", "code_challenge_method", "granted_scope" }
                .Select(n => new KeyValuePair<string, string>(n, Get(n) ?? "")).Where(f => f.Value.Length > 0);
            var html = ConsentPage.Render(rules.Provider.Slug, client.ClientId, bootstrap.DemoLogin(rules.Provider), scopes, fields);
            return Results.Content(html, "text/html; charset=utf-8");
        }

        if (decision == "deny")
        {
            return Results.Redirect(ClientRedirects.With(redirect, Error("access_denied", "The user has denied your application access.", state)));
        }

        var user = bootstrap.DemoOr(rules.Provider, Get("login"));
        var code = tokens.IssueCode(rules.Provider, client, Get("redirect_uri"), scopes, user.Id, challenge, method);
        return Results.Redirect(ClientRedirects.With(redirect, [new("code", code.Code), new("state", state)]));
    }

    private static KeyValuePair<string, string?>[] Error(string error, string description, string? state) =>
        [new("error", error), new("error_description", description), new("state", state)];
}
