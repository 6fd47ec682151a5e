using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Providers.Api;

/// <summary>
/// Authorization-code exchange (with the PKCE verifier), refresh and revocation for a provider's OAuth application,
/// with quirks taken from the descriptor: client authentication style, GitHub's JSON-on-request answers and its
/// application-token revocation. Never sleeps, retries or logs. OAuth refusals are <see cref="OAuthException"/>;
/// transport failures are <see cref="ProviderApiException"/>. Every call is bounded by the <paramref name="http"/>
/// client's Timeout and MaxResponseContentBufferSize, which the hub sets (<see cref="BoundedExchange"/>).
/// </summary>
public sealed class OAuthTokenClient(HttpClient http, ProviderDescriptor descriptor, Uri? baseUrl, OAuthClientCredentials client, TimeProvider time)
{
    public ProviderEndpoints Endpoints { get; } = descriptor.SupportsOAuth
        ? descriptor.EndpointsFor(baseUrl)
        : throw new NotSupportedException($"{descriptor.DisplayName} connects with a personal access token, not OAuth.");

    /// <summary>The URL to send the person to. Pass the PKCE challenge when <see cref="ProviderDescriptor.SupportsPkce"/>.</summary>
    public Uri BuildAuthorizeUrl(Uri redirectUri, string state, string? codeChallenge)
    {
        List<string> query =
        [
            "response_type=code",
            "client_id=" + Uri.EscapeDataString(client.ClientId),
            "redirect_uri=" + Uri.EscapeDataString(redirectUri.AbsoluteUri),
            "scope=" + Uri.EscapeDataString(string.Join(descriptor.ScopeSeparator, descriptor.Scopes)),
            "state=" + Uri.EscapeDataString(state),
        ];
        if (codeChallenge is not null)
        {
            query.Add("code_challenge=" + Uri.EscapeDataString(codeChallenge));
            query.Add("code_challenge_method=" + Pkce.Method);
        }

        return new Uri(Endpoints.AuthorizeUrl + "?" + string.Join('&', query));
    }

    public Task<OAuthTokens> ExchangeCodeAsync(string code, Uri redirectUri, string? codeVerifier, CancellationToken cancellationToken)
    {
        Dictionary<string, string> form = new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri.AbsoluteUri,
        };
        if (codeVerifier is not null)
        {
            form["code_verifier"] = codeVerifier;
        }

        return RequestTokenAsync(form, previousRefreshToken: null, secretInPlay: code, cancellationToken);
    }

    public Task<OAuthTokens> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        RequestTokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }, refreshToken, refreshToken, cancellationToken);

    /// <summary>
    /// Revokes the token at the provider. True when the provider confirmed it (or already did not know it); false when
    /// the provider has no revoke endpoint (Bitbucket Cloud), so the person must revoke it there.
    /// </summary>
    public async Task<bool> RevokeAsync(string accessToken, CancellationToken cancellationToken)
    {
        HttpRequestMessage? request = descriptor.Revocation switch
        {
            // RFC 7009: https://docs.gitlab.com/api/oauth2/#revoke-a-token
            TokenRevocation.Rfc7009 when Endpoints.RevokeUrl is { } revokeUrl => new(HttpMethod.Post, revokeUrl)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["token"] = accessToken,
                    ["token_type_hint"] = "access_token",
                    ["client_id"] = client.ClientId,
                    ["client_secret"] = client.ClientSecret,
                }),
            },
            // https://docs.github.com/rest/apps/oauth-applications#delete-an-app-token
            TokenRevocation.ApplicationTokenDelete => new(HttpMethod.Delete,
                BaseUrls.Combine(Endpoints.ApiRoot.AbsoluteUri, $"/applications/{BaseUrls.Segment(client.ClientId)}/token"))
            {
                Headers = { Authorization = BasicClientAuth() },
                Content = new StringContent(new JsonObject { ["access_token"] = accessToken }.ToJsonString(), Encoding.UTF8, "application/json"),
            },
            _ => null,
        };
        if (request is null)
        {
            return false;
        }

        using (request)
        {
            (HttpStatusCode status, string body) = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            // 404: GitHub no longer knows the token — revoked already, which is what we wanted.
            if (status is HttpStatusCode.NotFound || (int)status is >= 200 and < 300)
            {
                return true;
            }

            throw Refusal(status, Parse(body), accessToken);
        }
    }

    private async Task<OAuthTokens> RequestTokenAsync(Dictionary<string, string> form, string? previousRefreshToken, string secretInPlay, CancellationToken cancellationToken)
    {
        if (descriptor.TokenClientAuth == TokenClientAuth.RequestBody)
        {
            form["client_id"] = client.ClientId;
            form["client_secret"] = client.ClientSecret;
        }

        using HttpRequestMessage request = new(HttpMethod.Post, Endpoints.TokenUrl) { Content = new FormUrlEncodedContent(form) };
        if (descriptor.TokenClientAuth == TokenClientAuth.BasicHeader)
        {
            request.Headers.Authorization = BasicClientAuth();
        }

        (HttpStatusCode status, string body) = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        OAuthTokenResponseDto answer = Parse(body);
        // GitHub reports refusals with HTTP 200 and an "error" field.
        if ((int)status is < 200 or >= 300 || !string.IsNullOrEmpty(answer.Error))
        {
            throw Refusal(status, answer, secretInPlay);
        }

        if (string.IsNullOrEmpty(answer.AccessToken))
        {
            throw new ProviderApiException(descriptor.Kind, ProviderApiErrorKind.BadResponse, $"{descriptor.Slug}: the token endpoint answered without an access token");
        }

        return new OAuthTokens(
            answer.AccessToken,
            string.IsNullOrEmpty(answer.RefreshToken) ? previousRefreshToken : answer.RefreshToken,
            answer.ExpiresIn is > 0 and var seconds ? time.GetUtcNow().AddSeconds(seconds) : null,
            OAuthScopes.Split(answer.Scope ?? answer.Scopes),
            answer.TokenType ?? "bearer");
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Without Accept: application/json GitHub answers form-encoded.
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("IntegrationHub", "1.0"));
        // Bounded by the client's Timeout and MaxResponseContentBufferSize, as every API call (see BoundedExchange).
        (HttpResponseMessage answer, string body) = await BoundedExchange.SendAsync(http, request, descriptor.Kind,
            $"{descriptor.Slug}: {request.RequestUri?.GetLeftPart(UriPartial.Authority)}", cancellationToken).ConfigureAwait(false);
        using HttpResponseMessage response = answer;
        if ((int)response.StatusCode >= 500)
        {
            throw new ProviderApiException(descriptor.Kind, ProviderApiErrorKind.Server,
                $"{descriptor.Slug}: {request.Method} {request.RequestUri?.AbsolutePath} failed with {(int)response.StatusCode}", response.StatusCode,
                retryAt: RetryAfter.Read(response.Headers, time.GetUtcNow()));
        }

        return (response.StatusCode, body);
    }

    private OAuthException Refusal(HttpStatusCode status, OAuthTokenResponseDto answer, string secretInPlay)
    {
        string error = string.IsNullOrEmpty(answer.Error) && status == HttpStatusCode.Unauthorized
            ? OAuthErrorCodes.InvalidClient
            : OAuthErrorCodes.Normalize(answer.Error);
        string? description = ProviderApiErrors.Redact(ProviderApiErrors.Redact(answer.ErrorDescription, secretInPlay), client.ClientSecret);
        return new OAuthException(descriptor.Kind, error, answer.Error, description, status);
    }

    private static OAuthTokenResponseDto Parse(string body)
    {
        string trimmed = body.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                return JsonSerializer.Deserialize<OAuthTokenResponseDto>(trimmed, ProviderJson.SnakeCase) ?? new();
            }
            catch (JsonException)
            {
                return new();
            }
        }

        return trimmed.Contains('=', StringComparison.Ordinal) && !trimmed.StartsWith('<') ? OAuthTokenResponseDto.FromForm(trimmed) : new();
    }

    private AuthenticationHeaderValue BasicClientAuth() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{client.ClientId}:{client.ClientSecret}")));
}
