using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.World;

/// <summary>
/// The web host over HTTP against its own database. Extra settings let a test turn features on or point them elsewhere;
/// <paramref name="services"/> replaces services after the hub registered its own (a clock, a fake).
/// </summary>
public sealed class HubFactory(string connectionString, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public string ConnectionString { get; } = connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Hub"] = ConnectionString,
            ["Logging:LogLevel:Default"] = "Warning",
            // Every TestServer request comes from one address, so a class sharing a host would hit the per-address
            // sign-up and sign-in limits that real clients each have to themselves; the throttle tests set their own.
            ["Hub:SignUp:PerAddress"] = "1000",
            ["Hub:SignIn:PerAddress"] = "1000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value; // a test's own setting wins
        }

        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(all));
        // Program reads the connection string before ConfigureAppConfiguration runs, so pass it the early way too.
        builder.UseSetting("ConnectionStrings:Hub", ConnectionString);
        // So are the key-ring protector and the platform GitHub App (read and checked while Program builds the host, with
        // whether its base URL may be http).
        foreach (var (key, value) in (settings ?? new Dictionary<string, string?>())
            .Where(s => s.Key.StartsWith("Hub:KeyRing", StringComparison.Ordinal) || s.Key.StartsWith("Hub:GitHubApp:", StringComparison.Ordinal)
                || s.Key == "Hub:Security:AllowHttpBaseUrls"))
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
}
