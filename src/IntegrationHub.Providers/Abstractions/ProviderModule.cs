using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;

namespace IntegrationHub.Providers.Abstractions;

/// <summary>
/// One provider, whole: its descriptor, webhook handling (verify, read the delivery id and event name, normalize), the
/// facts the webhook intake needs, and factories for its API client and poll reader. One instance per provider, held by
/// <c>ProviderCatalog</c>; every member is stateless and thread-safe. Only this assembly can add a provider.
/// </summary>
/// <example>
/// <code>
/// ProviderModule provider = ProviderCatalog.For(ProviderKind.GitHub);
/// var request = new WebhookRequest(headers, body);
/// VerificationResult check = provider.Verifier.Verify(request, [currentSecret, previousSecret], timeProvider.GetUtcNow());
/// if (!check.IsValid) { /* reject with check.Failure */ }
/// WebhookDeliveryInfo info = provider.DeliveryReader.Read(request);            // dedupe on info.DeliveryId
/// NormalizationResult result = provider.Normalizer.Normalize(info.EventName, body, receivedAt);
/// </code>
/// </example>
public abstract class ProviderModule
{
    public abstract ProviderDescriptor Descriptor { get; }
    public ProviderKind Kind => Descriptor.Kind;
    public string Slug => Descriptor.Slug;

    public abstract IWebhookVerifier Verifier { get; }
    public abstract IWebhookDeliveryReader DeliveryReader { get; }
    public abstract IEventNormalizer Normalizer { get; }
    public abstract WebhookFacts Webhook { get; }

    /// <summary>The API client for a connection.</summary>
    /// <param name="http">A client from <c>IHttpClientFactory</c> (with the connection's CA bundle, if any); not disposed here. Its Timeout (headers and body together) and MaxResponseContentBufferSize (bytes of one answer, counted as read) bound every call.</param>
    public IProviderApi CreateApi(HttpClient http, ProviderConnectionInfo connection, TimeProvider time) =>
        NewApi(Transport(http, connection, time));

    /// <summary>The poll reader for a connection, over the same transport the API client uses.</summary>
    /// <param name="http">As for <see cref="CreateApi"/>.</param>
    public IPollReader CreatePollReader(HttpClient http, ProviderConnectionInfo connection, TimeProvider time) =>
        NewPollReader(Transport(http, connection, time));

    /// <summary>Whether <see cref="CreateChangeProbe"/> gives one.</summary>
    public virtual bool HasChangeProbe => false;

    /// <summary>The change probe for a connection (one request asks about many repositories), or null: this provider has none.</summary>
    /// <param name="http">As for <see cref="CreateApi"/>.</param>
    public IChangeProbe? CreateChangeProbe(HttpClient http, ProviderConnectionInfo connection, TimeProvider time) =>
        NewChangeProbe(Transport(http, connection, time));

    public override string ToString() => Slug;

    private protected abstract IProviderApi NewApi(ApiTransport transport);
    private protected abstract IPollReader NewPollReader(ApiTransport transport);

    private protected virtual IChangeProbe? NewChangeProbe(ApiTransport transport) => null;

    private ApiTransport Transport(HttpClient http, ProviderConnectionInfo connection, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(time);
        return new ApiTransport(http, Descriptor, connection, time);
    }
}
