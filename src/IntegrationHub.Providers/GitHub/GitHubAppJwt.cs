using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// The JWT a GitHub App authenticates as itself with: RS256 over <c>{"alg":"RS256","typ":"JWT"}</c> and
/// <c>{"iat","exp","iss"}</c>, signed by the app's private key. <c>iat</c> is 60 s in the past (GitHub's advice against
/// clock drift) and <c>exp</c> 9 minutes ahead, under GitHub's 10-minute ceiling counted from <c>iat</c>.
/// https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app
/// </summary>
public static class GitHubAppJwt
{
    public static readonly TimeSpan Backdate = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(9);

    private static readonly string Header = Base64Url(Encoding.UTF8.GetBytes("""{"alg":"RS256","typ":"JWT"}"""));

    /// <summary>A signed JWT. <paramref name="issuer"/>: the app id, or its client id (GitHub takes either).</summary>
    public static string Create(string issuer, RSA privateKey, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        ArgumentNullException.ThrowIfNull(privateKey);
        ArgumentNullException.ThrowIfNull(time);
        DateTimeOffset now = time.GetUtcNow();
        var claims = new JsonObject
        {
            ["iat"] = (now - Backdate).ToUnixTimeSeconds(),
            ["exp"] = (now + Lifetime).ToUnixTimeSeconds(),
            ["iss"] = issuer,
        };
        string signed = Header + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        byte[] signature = privateKey.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signed + "." + Base64Url(signature);
    }

    /// <summary>Whether the PEM holds an RSA private key <see cref="ImportPrivateKey"/> can sign with.</summary>
    public static bool IsPrivateKey(string pem)
    {
        try
        {
            ImportPrivateKey(pem).Dispose();
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// The RSA key of a PEM: PKCS#1 (<c>BEGIN RSA PRIVATE KEY</c>, what GitHub hands out) or PKCS#8 (<c>BEGIN PRIVATE KEY</c>).
    /// A PEM that holds no RSA private key is an <see cref="ArgumentException"/> whose message never quotes the PEM.
    /// </summary>
    public static RSA ImportPrivateKey(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            // A public key imports too, but cannot sign: refuse it here rather than at the first token request.
            _ = rsa.ExportParameters(includePrivateParameters: true);
            return rsa;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw new ArgumentException("the private key is not an RSA private key in PEM (\"BEGIN RSA PRIVATE KEY\" or \"BEGIN PRIVATE KEY\")", nameof(pem), ex);
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
