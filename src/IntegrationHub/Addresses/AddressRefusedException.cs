namespace IntegrationHub.Addresses;

/// <summary>Thrown at the socket when a provider or webhook host resolves to an address the <see cref="BaseUrlGuard"/> refuses.</summary>
public sealed class AddressRefusedException(string host)
    : IOException($"{host} resolves to a private, loopback or link-local address; the hub does not connect there.");
