using System.Net;

namespace IntegrationHub.Tests.World;

/// <summary>A person connecting through a platform OAuth app (see <see cref="PlatformApps"/>): the hub's Connect button, the provider's approval, the callback.</summary>
public sealed partial class HubWorld
{
    private readonly PrivateCa? _simTls;

    /// <summary>Cookies the hub set when the last flow started (the correlation cookie), as an attacker who copied them would have.</summary>
    public Dictionary<string, string> LastCookies { get; } = [];

    /// <summary>Clicks a one-click Connect (or Reconnect) button; returns the authorize URL the hub sends the person to.</summary>
    public async Task<Uri> StartPlatformAsync(HttpClient browser, string provider, Guid? reconnect = null)
    {
        var fields = new Dictionary<string, string>();
        if (reconnect is { } id)
        {
            fields["connectionId"] = id.ToString();
        }

        var response = await Forms.SubmitAsync(browser, "/integrations", null, fields, action: $"/integrations/connect/{provider}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        foreach (string set in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            string pair = set.Split(';')[0];
            LastCookies[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
        }

        return response.Headers.Location!;
    }

    /// <summary>Plays the provider: approves at the simulator and returns the hub callback URL it redirects to.</summary>
    public async Task<string> ApproveAsync(Uri authorize, CancellationToken cancellationToken = default)
    {
        using var provider = new HttpClient(SimHandler(followRedirects: false));
        using var response = await provider.GetAsync(authorize, cancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.ToString();
    }

    /// <summary>The browser arriving back at the hub's callback; returns where the hub sends it next.</summary>
    public static async Task<string> CallbackAsync(HttpClient browser, string callbackUrl, CancellationToken cancellationToken = default)
    {
        using var response = await browser.GetAsync(callbackUrl, cancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.ToString();
    }

    /// <summary>The whole click-through; returns where the hub sends the browser at the end.</summary>
    public async Task<string> ConnectPlatformAsync(HttpClient browser, string provider) =>
        await CallbackAsync(browser, await ApproveAsync(await StartPlatformAsync(browser, provider)));

    /// <summary>How a test-side client reaches the simulator: over HTTPS trusting its private CA only (never following redirects).</summary>
    private HttpMessageHandler SimHandler(bool followRedirects) =>
        _simTls?.ClientHandler() ?? new SocketsHttpHandler { AllowAutoRedirect = followRedirects };
}
