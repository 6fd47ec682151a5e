using System.Net;
using System.Net.Sockets;
using IntegrationHub.Connect;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Connect;

/// <summary>The own-app page checks that the typed instance answers before sending the browser there.</summary>
public sealed class OwnAppProbeTests
{
    [Fact]
    public async Task Own_app_with_an_allowed_host_that_does_not_answer_stays_on_the_page_with_plain_words()
    {
        int closed = ClosedLoopbackPort();
        await using var world = await HubWorld.StartAsync(PlatformApps.Options() with
        {
            Settings = new Dictionary<string, string?>
            {
                ["Hub:Security:AllowedPrivateHosts:1"] = $"127.0.0.1:{closed}", // allowed, so only the probe can refuse it
            },
        });
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");

        var response = await Forms.SubmitAsync(browser, "/integrations/gitlab/own-app", "own-app", new Dictionary<string, string>
        {
            ["Input.BaseUrl"] = $"http://127.0.0.1:{closed}", ["Input.ClientId"] = OwnAppFlowTests.ClientId, ["Input.ClientSecret"] = OwnAppFlowTests.ClientSecret,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        string page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(ConnectErrors.PlainWords(ConnectErrors.Unreachable), page);
        Assert.DoesNotContain(OwnAppFlowTests.ClientSecret, page);
        Assert.Empty(await world.ConnectionsAsync());
    }

    /// <summary>A loopback port nothing listens on: bound by the OS, then released.</summary>
    private static int ClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
