using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Providers.GitHub;
using IntegrationHub.Providers.Tests.Api;

namespace IntegrationHub.Providers.Tests.GitHubApp;

public sealed class GitHubAppJwtTests
{
    [Theory]
    [InlineData("pkcs1")]
    [InlineData("pkcs8")]
    public void Signs_RS256_with_iat_60_s_back_and_exp_9_minutes_ahead_verifiable_with_the_public_key(string format)
    {
        using RSA key = RSA.Create(2048);
        string pem = format == "pkcs1" ? key.ExportRSAPrivateKeyPem() : key.ExportPkcs8PrivateKeyPem();
        Assert.StartsWith(format == "pkcs1" ? "-----BEGIN RSA PRIVATE KEY-----" : "-----BEGIN PRIVATE KEY-----", pem);
        var clock = new TestClock(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));

        string jwt;
        using (RSA imported = GitHubAppJwt.ImportPrivateKey(pem))
        {
            jwt = GitHubAppJwt.Create("123456", imported, clock);
        }

        string[] parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        JsonNode header = JsonNode.Parse(FromBase64Url(parts[0]))!;
        Assert.Equal("RS256", (string?)header["alg"]);
        Assert.Equal("JWT", (string?)header["typ"]);
        JsonNode claims = JsonNode.Parse(FromBase64Url(parts[1]))!;
        Assert.Equal("123456", (string?)claims["iss"]);
        Assert.Equal(clock.Now.AddSeconds(-60).ToUnixTimeSeconds(), (long)claims["iat"]!);
        Assert.Equal(clock.Now.AddMinutes(9).ToUnixTimeSeconds(), (long)claims["exp"]!);
        Assert.True((long)claims["exp"]! - (long)claims["iat"]! <= 600, "GitHub refuses a JWT living over 10 minutes");

        using RSA publicOnly = RSA.Create();
        publicOnly.ImportFromPem(key.ExportSubjectPublicKeyInfoPem());
        Assert.True(Verify(publicOnly, parts));
    }

    [Fact]
    public void Another_key_does_not_verify_the_signature()
    {
        using RSA key = RSA.Create(2048);
        using RSA other = RSA.Create(2048);
        string[] parts = GitHubAppJwt.Create("Iv1.client", key, new TestClock()).Split('.');

        using RSA otherPublic = RSA.Create();
        otherPublic.ImportFromPem(other.ExportSubjectPublicKeyInfoPem());
        Assert.False(Verify(otherPublic, parts));
        Assert.Equal("Iv1.client", (string?)JsonNode.Parse(FromBase64Url(parts[1]))!["iss"]);
    }

    [Theory]
    [InlineData("not a pem")]
    [InlineData("public")]
    public void Refuses_a_pem_that_holds_no_RSA_private_key_without_quoting_it(string what)
    {
        using RSA key = RSA.Create(2048);
        string pem = what == "public" ? key.ExportSubjectPublicKeyInfoPem() : what;
        var ex = Assert.Throws<ArgumentException>(() => GitHubAppJwt.ImportPrivateKey(pem));
        Assert.Contains("not an RSA private key", ex.Message);
        Assert.DoesNotContain("MII", ex.Message);
    }

    private static bool Verify(RSA publicKey, string[] parts) => publicKey.VerifyData(
        Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), FromBase64UrlBytes(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    private static string FromBase64Url(string text) => Encoding.UTF8.GetString(FromBase64UrlBytes(text));

    private static byte[] FromBase64UrlBytes(string text)
    {
        string padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }
}
