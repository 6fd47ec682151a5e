using IntegrationHub.ProviderAccess.GitHubApps;
using Microsoft.Extensions.Configuration;

namespace IntegrationHub.Tests.GitHubApp;

public sealed class GitHubAppSettingsTests
{
    private static Dictionary<string, string?> Complete() => new()
    {
        ["Hub:GitHubApp:AppId"] = "29310",
        ["Hub:GitHubApp:Slug"] = "integration-hub",
        ["Hub:GitHubApp:ClientId"] = "Iv1.8a61f9b3a7aba766",
        ["Hub:GitHubApp:ClientSecret"] = "client-secret-value",
        ["Hub:GitHubApp:PrivateKey"] = GitHubAppKeys.Pem,
        ["Hub:GitHubApp:WebhookSecret"] = "webhook-secret-value",
    };

    private static GitHubAppCredentials? Read(Dictionary<string, string?> settings) =>
        PlatformGitHubAppSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    private static string Refusal(Dictionary<string, string?> settings)
    {
        string line = Assert.Throws<InvalidOperationException>(() => Read(settings)).Message;
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain(GitHubAppKeys.Body[..40], line);
        Assert.DoesNotContain("secret-value", line);
        return line;
    }

    [Fact]
    public void No_setting_is_no_platform_app_and_a_complete_one_defaults_to_github_com()
    {
        Assert.Null(Read([]));
        var app = Read(Complete())!;
        Assert.Equal(new Uri("https://github.com"), app.BaseUrl);
        Assert.Equal(29310, app.AppId);
        Assert.True(app.IsPlatform);
        Assert.DoesNotContain("secret", app.ToString());
    }

    [Fact]
    public void A_private_key_from_a_file_or_with_escaped_line_breaks_is_read()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, GitHubAppKeys.Pem);
            var fromFile = Complete();
            fromFile.Remove("Hub:GitHubApp:PrivateKey");
            fromFile["Hub:GitHubApp:PrivateKeyFile"] = file;
            Assert.Equal(GitHubAppKeys.Pem, Read(fromFile)!.PrivateKeyPem);
        }
        finally
        {
            File.Delete(file);
        }

        var escaped = Complete();
        escaped["Hub:GitHubApp:PrivateKey"] = GitHubAppKeys.Pem.Replace("\n", "\\n", StringComparison.Ordinal);
        Assert.Contains("BEGIN RSA PRIVATE KEY-----\n", Read(escaped)!.PrivateKeyPem);
    }

    [Fact]
    public void An_incomplete_or_unusable_setting_is_one_line_naming_the_setting_and_never_its_secret()
    {
        var partial = Complete();
        partial.Remove("Hub:GitHubApp:WebhookSecret");
        partial.Remove("Hub:GitHubApp:PrivateKey");
        Assert.Equal("Hub:GitHubApp is incomplete: WebhookSecret, PrivateKey or PrivateKeyFile not set (all of AppId, Slug, ClientId, ClientSecret, "
            + "WebhookSecret and PrivateKey or PrivateKeyFile are needed, or none for no platform app).", Refusal(partial));

        var wrongId = Complete();
        wrongId["Hub:GitHubApp:AppId"] = "Iv1.8a61f9b3a7aba766";
        Assert.StartsWith("Hub:GitHubApp:AppId is 'Iv1.8a61f9b3a7aba766'; it must be the app's numeric App ID", Refusal(wrongId));

        var publicKey = Complete();
        using (var rsa = System.Security.Cryptography.RSA.Create())
        {
            rsa.ImportFromPem(GitHubAppKeys.Pem);
            publicKey["Hub:GitHubApp:PrivateKey"] = rsa.ExportSubjectPublicKeyInfoPem();
        }

        Assert.StartsWith("Hub:GitHubApp:PrivateKey is not an RSA private key in PEM", Refusal(publicKey));

        var both = Complete();
        both["Hub:GitHubApp:PrivateKeyFile"] = "/nowhere/key.pem";
        Assert.Equal("Hub:GitHubApp:PrivateKey and Hub:GitHubApp:PrivateKeyFile are both set; set one.", Refusal(both));

        var missingFile = Complete();
        missingFile.Remove("Hub:GitHubApp:PrivateKey");
        missingFile["Hub:GitHubApp:PrivateKeyFile"] = "/nowhere/key.pem";
        Assert.StartsWith("Hub:GitHubApp:PrivateKeyFile (/nowhere/key.pem) cannot be read:", Refusal(missingFile));

        var badUrl = Complete();
        badUrl["Hub:GitHubApp:BaseUrl"] = "github.example";
        Assert.StartsWith("Hub:GitHubApp:BaseUrl is 'github.example'; it must be an absolute https URL", Refusal(badUrl));

        // JWTs, installation tokens and the client secret go to that address: http only where every base URL may be.
        var plain = Complete();
        plain["Hub:GitHubApp:BaseUrl"] = "http://github.example";
        Assert.StartsWith("Hub:GitHubApp:BaseUrl is 'http://github.example'; it must be an absolute https URL", Refusal(plain));
        plain["Hub:Security:AllowHttpBaseUrls"] = "true";
        Assert.Equal(new Uri("http://github.example"), Read(plain)!.BaseUrl);
    }

    [Fact]
    public async Task A_host_with_an_unusable_platform_app_does_not_start()
    {
        var settings = Complete();
        settings["Hub:GitHubApp:AppId"] = "abc";
        await using var world = await World.HubWorld.StartAsync(new World.HubWorldOptions { WebHost = false });
        await using var hub = new World.HubFactory(world.ConnectionString, settings);
        var ex = Assert.ThrowsAny<Exception>(() => hub.Services);
        Assert.Contains("Hub:GitHubApp:AppId is 'abc'", ex.ToString());
    }
}
