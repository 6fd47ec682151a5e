using System.Security.Cryptography;
using static IntegrationHub.ProviderSim.Tests.GitHubApps.GitHubAppWorld;

namespace IntegrationHub.ProviderSim.Tests.GitHubApps;

/// <summary>
/// The app's JWT on <c>/app*</c>: accepted with the app id (number or string) or client id as <c>iss</c>; refused with
/// GitHub's own 401 messages for each broken claim, a foreign signature, and a token where a JWT belongs; and a JWT
/// is no credential for the rest of the API.
/// </summary>
public sealed class GitHubAppJwtTests : IAsyncLifetime
{
    private GitHubAppWorld _w = null!;

    public async Task InitializeAsync() => _w = await Start();

    public async Task DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task App_JWT_with_app_id_number_string_or_client_id_gets_the_app()
    {
        foreach (object issuer in new object[] { _w.AppId, _w.AppId.ToString(System.Globalization.CultureInfo.InvariantCulture), _w.ClientId })
        {
            using var app = _w.AsApp(_w.Jwt(issuer, -60, 540));
            var (status, body) = await Send(app, HttpMethod.Get, Api + "/app");
            Assert.True(status == 200, $"iss {issuer}: {status} {body}");
            Assert.Equal(_w.AppId, (long)body!["id"]!);
            Assert.Equal("hub-sim", (string)body["slug"]!);
            Assert.Equal(_w.ClientId, (string)body["client_id"]!);
            Assert.Equal(1, (int)body["installations_count"]!);
        }
    }

    [Fact]
    public async Task App_lists_and_reads_its_installations()
    {
        using var app = _w.AsApp();
        var (listed, list) = await Send(app, HttpMethod.Get, Api + "/app/installations");
        var (got, one) = await Send(app, HttpMethod.Get, $"{Api}/app/installations/{_w.InstallationId}");
        var (missing, _) = await Send(app, HttpMethod.Get, $"{Api}/app/installations/{_w.InstallationId + 99_999}");

        Assert.Equal(200, listed);
        Assert.Equal(_w.InstallationId, (long)list![0]!["id"]!);
        Assert.Equal(200, got);
        Assert.Equal("acme1", (string)one!["account"]!["login"]!);
        Assert.Equal("Organization", (string)one["target_type"]!);
        Assert.Equal("selected", (string)one["repository_selection"]!);
        Assert.Equal("write", (string)one["permissions"]!["issues"]!);
        Assert.Equal(404, missing);
    }

    [Theory]
    [InlineData(-60, 660, "'Expiration time' claim ('exp') is too far in the future")]
    [InlineData(-30, 599, "'Expiration time' claim ('exp') is too far in the future")]
    [InlineData(-660, -10, "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires")]
    [InlineData(120, 500, "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued")]
    public async Task App_JWT_with_bad_times_is_refused_with_GitHubs_message(long iat, long exp, string message)
    {
        using var app = _w.AsApp(_w.Jwt(_w.AppId, iat, exp));

        var (status, body) = await Send(app, HttpMethod.Get, Api + "/app");

        Assert.Equal(401, status);
        Assert.Equal(message, (string)body!["message"]!);
    }

    [Fact]
    public async Task App_JWT_signed_by_another_key_or_naming_another_app_cannot_be_decoded()
    {
        using var other = RSA.Create(2048);
        using var foreign = _w.AsApp(_w.Jwt(_w.AppId, -60, 540, other));
        using var unknown = _w.AsApp(_w.Jwt(_w.AppId + 12_345, -60, 540));
        using var garbage = _w.AsApp("not.a.jwt");

        foreach (var client in new[] { foreign, unknown, garbage })
        {
            var (status, body) = await Send(client, HttpMethod.Get, Api + "/app");
            Assert.Equal(401, status);
            Assert.Equal("A JSON web token could not be decoded", (string)body!["message"]!);
        }
    }

    [Fact]
    public async Task App_JWT_without_iss_is_refused()
    {
        using var app = _w.AsApp(_w.Jwt(null, -60, 540));

        var (status, body) = await Send(app, HttpMethod.Get, Api + "/app");

        Assert.Equal(401, status);
        Assert.Equal("Missing 'issuer' claim ('iss') in assertion", (string)body!["message"]!);
    }

    [Fact]
    public async Task App_endpoints_refuse_installation_and_user_tokens_and_the_API_refuses_a_JWT()
    {
        using var installation = await _w.AsInstallation();
        using var user = _w.Sim.Client("token", await _w.Sim.Pat("github", null, "repo"));
        using var app = _w.AsApp();

        var (asInstallation, body) = await Send(installation, HttpMethod.Get, Api + "/app/installations");
        var (asUser, _) = await Send(user, HttpMethod.Post, $"{Api}/app/installations/{_w.InstallationId}/access_tokens");
        var (jwtOnRepo, _) = await Send(app, HttpMethod.Get, Api + "/repos/acme1/repo1");

        Assert.Equal(401, asInstallation);
        Assert.Equal("A JSON web token could not be decoded", (string)body!["message"]!);
        Assert.Equal(401, asUser);
        Assert.Equal(401, jwtOnRepo);
    }
}
