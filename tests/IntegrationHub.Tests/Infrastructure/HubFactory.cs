using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>The web host over HTTP against its own database. Extra settings let a test turn features on or point them elsewhere.</summary>
public sealed class HubFactory(string connectionString, IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public string ConnectionString { get; } = connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Hub"] = ConnectionString,
            ["Logging:LogLevel:Default"] = "Warning",
        }.Concat(settings ?? new Dictionary<string, string?>())));
        // Program reads the connection string before ConfigureAppConfiguration runs, so pass it the early way too.
        builder.UseSetting("ConnectionStrings:Hub", ConnectionString);
    }

    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
}
