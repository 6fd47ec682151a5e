using System.Threading.Channels;

namespace MentionBot;

/// <summary>
/// Builds the bot: <c>POST /webhooks</c> and the worker that answers. Returns the app unstarted, so a host (the local
/// default, tests) can run it in-process and read the bound address.
/// </summary>
public static class MentionBotApp
{
    public static WebApplication Build(string[] args, Action<MentionBotOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(MentionBotApp).Assembly.GetName().Name,
        });
        var options = new MentionBotOptions();
        builder.Configuration.GetSection("MentionBot").Bind(options);
        configure?.Invoke(options);
        Validate(options);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(options.Urls);
        }

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(Verifier(options));
        services.AddSingleton(new SeenDeliveries(options.TimeProvider));
        // Bounded: when the bot falls far behind it answers 503 and the hub keeps the event and retries later.
        var queue = Channel.CreateBounded<MentionWork>(new BoundedChannelOptions(1000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        services.AddSingleton(queue.Reader);
        services.AddSingleton(queue.Writer);
        services.AddHttpClient<HubReplies>(http =>
        {
            http.BaseAddress = new Uri(options.HubUrl.TrimEnd('/') + "/");
            http.Timeout = TimeSpan.FromSeconds(30);
        });
        services.AddHostedService<MentionWorker>();

        var app = builder.Build();
        app.MapWebhooks();
        return app;
    }

    private static WebhookVerifier Verifier(MentionBotOptions options)
    {
        try
        {
            return new WebhookVerifier(options.WebhookSecret, options.TimeProvider);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("MentionBot:WebhookSecret is not a subscription secret (whsec_ and base64).");
        }
    }

    private static void Validate(MentionBotOptions options)
    {
        string? missing = string.IsNullOrWhiteSpace(options.ApiKey) ? "MentionBot:ApiKey (an API key with actions:write)"
            : string.IsNullOrWhiteSpace(options.WebhookSecret) ? "MentionBot:WebhookSecret (the subscription's whsec_ secret)"
            : string.IsNullOrWhiteSpace(options.Handle) ? "MentionBot:Handle"
            : !Uri.TryCreate(options.HubUrl, UriKind.Absolute, out _) ? "MentionBot:HubUrl (an absolute URL)"
            : null;
        if (missing is not null)
        {
            throw new InvalidOperationException($"The mention bot needs {missing}.");
        }

        options.Handle = options.Handle.Trim().TrimStart('@');
    }
}
