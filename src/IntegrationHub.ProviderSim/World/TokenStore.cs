
namespace IntegrationHub.ProviderSim.World;

/// <summary>OAuth clients, authorization codes, access and refresh tokens, personal access tokens.</summary>
internal sealed class TokenStore(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(ProviderId, string), OAuthClient> _clients = [];
    private readonly Dictionary<string, AuthCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimToken> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimToken> _byRefresh = new(StringComparer.Ordinal);

    public void Register(OAuthClient client)
    {
        lock (_gate) _clients[(client.Provider, client.ClientId)] = client;
    }

    public OAuthClient? FindClient(ProviderId provider, string? clientId)
    {
        if (clientId is null) return null;
        lock (_gate) return _clients.GetValueOrDefault((provider, clientId));
    }

    public IReadOnlyList<OAuthClient> Clients()
    {
        lock (_gate) return _clients.Values.ToArray();
    }

    public AuthCode IssueCode(ProviderId provider, OAuthClient client, string? redirectUri, IReadOnlyList<string> scopes,
        long userId, string? challenge, string? method)
    {
        var code = new AuthCode
        {
            Code = SimIds.Token("")[..20], Provider = provider, ClientId = client.ClientId, RedirectUri = redirectUri,
            Scopes = scopes, UserId = userId, ExpiresAt = time.GetUtcNow().AddMinutes(10),
            CodeChallenge = challenge, CodeChallengeMethod = method,
        };
        lock (_gate) _codes[code.Code] = code;
        return code;
    }

    /// <summary>Takes a code for exchange: null when unknown, expired, already used or issued to another client.</summary>
    public AuthCode? TakeCode(ProviderId provider, string? code, string clientId)
    {
        if (code is null) return null;
        lock (_gate)
        {
            if (!_codes.TryGetValue(code, out var found) || found.Used || found.Provider != provider
                || found.ClientId != clientId || found.ExpiresAt <= time.GetUtcNow())
            {
                return null;
            }

            found.Used = true;
            return found;
        }
    }

    public SimToken Issue(ProviderId provider, long userId, IReadOnlyList<string> scopes, string? clientId,
        TimeSpan? lifetime, bool withRefresh, string prefix, string refreshPrefix = "r-")
    {
        var now = time.GetUtcNow();
        var token = new SimToken
        {
            Value = SimIds.Token(prefix), Provider = provider, UserId = userId, Scopes = scopes, CreatedAt = now,
            ClientId = clientId, ExpiresAt = lifetime is null ? null : now + lifetime,
            RefreshToken = withRefresh ? SimIds.Token(refreshPrefix) : null,
        };
        lock (_gate)
        {
            _tokens[token.Value] = token;
            if (token.RefreshToken is not null) _byRefresh[token.RefreshToken] = token;
        }

        return token;
    }

    /// <summary>
    /// Exchanges a refresh token. With <paramref name="singleUse"/> (GitLab) the old access and refresh tokens are
    /// revoked, so a second use fails; otherwise (Bitbucket Cloud) the same refresh token is handed back.
    /// </summary>
    public SimToken? Refresh(ProviderId provider, string? refreshToken, string clientId, TimeSpan lifetime, bool singleUse, string prefix,
        string refreshPrefix = "r-")
    {
        if (refreshToken is null) return null;
        SimToken old;
        lock (_gate)
        {
            if (!_byRefresh.TryGetValue(refreshToken, out old!) || old.Provider != provider || old.ClientId != clientId)
            {
                return null;
            }

            if (singleUse)
            {
                _byRefresh.Remove(refreshToken);
                old.Revoked = true;
            }
        }

        var fresh = Issue(provider, old.UserId, old.Scopes, clientId, lifetime, withRefresh: singleUse, prefix, refreshPrefix);
        if (!singleUse)
        {
            lock (_gate) fresh.RefreshToken = refreshToken;
        }

        return fresh;
    }

    public SimToken AddPersonal(ProviderId provider, long userId, string value, IReadOnlyList<string> scopes, DateTimeOffset? expiresAt)
    {
        var token = new SimToken
        {
            Value = value, Provider = provider, UserId = userId, Scopes = scopes, CreatedAt = time.GetUtcNow(),
            ExpiresAt = expiresAt, IsPersonal = true,
        };
        lock (_gate) _tokens[value] = token;
        return token;
    }

    public SimToken? Find(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        lock (_gate) return _tokens.GetValueOrDefault(value);
    }

    /// <summary>Revokes an access token, or the token a refresh token belongs to (RFC 7009 accepts either).</summary>
    public bool Revoke(string? value)
    {
        if (value is null) return false;
        lock (_gate)
        {
            var token = _tokens.GetValueOrDefault(value) ?? _byRefresh.GetValueOrDefault(value);
            if (token is null) return false;
            token.Revoked = true;
            if (token.RefreshToken is not null) _byRefresh.Remove(token.RefreshToken);
            return true;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _clients.Clear();
            _codes.Clear();
            _tokens.Clear();
            _byRefresh.Clear();
        }
    }
}
