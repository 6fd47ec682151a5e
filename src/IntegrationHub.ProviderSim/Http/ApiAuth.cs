using System.Text;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Http;

/// <summary>
/// Reads the credentials each provider accepts: <c>Authorization: Bearer</c> everywhere, <c>token x</c> (GitHub),
/// <c>PRIVATE-TOKEN</c> (GitLab PATs), Basic with the token as password (Azure DevOps PATs with an empty user,
/// Bitbucket DC, GitHub).
/// </summary>
internal static class ApiAuth
{
    public static string? ReadToken(HttpRequest request)
    {
        var privateToken = request.Headers["PRIVATE-TOKEN"].ToString();
        if (privateToken.Length > 0) return privateToken;

        var header = request.Headers.Authorization.ToString();
        var space = header.IndexOf(' ');
        if (space <= 0) return null;
        var scheme = header[..space];
        var value = header[(space + 1)..].Trim();
        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || scheme.Equals("token", StringComparison.OrdinalIgnoreCase))
        {
            return value;
        }

        if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value));
                var colon = decoded.IndexOf(':');
                return colon >= 0 ? decoded[(colon + 1)..] : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>The caller for a valid, unexpired, unrevoked token of this provider; null otherwise.</summary>
    public static Caller? Resolve(HttpContext context, ProviderId provider, out bool expired)
    {
        expired = false;
        var tokens = context.RequestServices.GetRequiredService<TokenStore>();
        var store = context.RequestServices.GetRequiredService<SimStore>();
        var token = tokens.Find(ReadToken(context.Request));
        if (token is null || token.Provider != provider) return null;
        if (!token.IsValidAt(store.Now))
        {
            expired = !token.Revoked;
            return null;
        }

        var user = store.FindUser(token.UserId);
        return user is null ? null : new Caller(token, user);
    }
}
