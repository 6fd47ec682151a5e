using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Transport;

/// <summary>Forwarded headers from trusted proxies only, Secure cookies on HTTPS, HSTS and the security headers.</summary>
public static class TransportSetup
{
    public static IServiceCollection AddTransport(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TransportOptions>(configuration.GetSection(TransportOptions.Section));
        // Read when first resolved, not now: hosts (and tests) may add configuration after the services are declared.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TransportOptions>>((o, options) =>
        {
            var transport = options.Value;
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = Math.Max(1, transport.ForwardLimit);
            // The framework trusts loopback out of the box; this hub trusts exactly what the operator lists.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (string proxy in transport.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.TryParse(proxy, out var ip) ? ip
                    : throw new InvalidOperationException($"Hub:Transport:KnownProxies: '{proxy}' is not an IP address."));
            }

            foreach (string network in transport.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var net) ? net
                    : throw new InvalidOperationException($"Hub:Transport:KnownNetworks: '{network}' is not a CIDR network such as 10.0.0.0/8."));
            }
        });
        // Every cookie (sign-in, antiforgery, OAuth correlation) is Secure whenever the request is HTTPS, direct or
        // forwarded; plain local HTTP keeps working for the demo.
        services.Configure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.SameAsRequest);
        return services;
    }

    /// <summary>First in the pipeline: everything after it sees the client's address and scheme.</summary>
    public static WebApplication UseTransport(this WebApplication app)
    {
        // With both lists empty the framework's middleware would believe every sender (and a peer with no address), so
        // it runs only when the operator named a proxy.
        var forwarded = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        if (forwarded.KnownProxies.Count > 0 || forwarded.KnownIPNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseCookiePolicy();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        return app;
    }
}
