using System.Net;
using IntegrationHub.Addresses;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Tests.Addresses;

/// <summary>A configured proxy (HTTP(S)_PROXY) must not hide the real target from the socket guard.</summary>
public sealed class GuardedSocketsProxyTests
{
    [Fact]
    public async Task A_guarded_handler_ignores_proxies_so_the_guard_checks_the_real_target()
    {
        var sockets = new GuardedSockets(new BaseUrlGuard(Options.Create(new SecurityOptions { AllowHttpBaseUrls = true })));
        using var handler = sockets.NewHandler();
        // As if HTTP_PROXY pointed at a public proxy: through it, the socket guard would only ever see 192.0.2.1.
        handler.Proxy = new WebProxy("http://192.0.2.1:3128");
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => http.GetAsync("http://169.254.169.254/latest/meta-data/"));

        Assert.IsType<AddressRefusedException>(ex is HttpRequestException { InnerException: { } inner } ? inner : ex);
        Assert.False(handler.UseProxy);
    }
}
