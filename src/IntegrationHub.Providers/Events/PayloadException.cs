namespace IntegrationHub.Providers.Events;

/// <summary>A payload lacks a field its event requires. Thrown inside normalizers, turned into an Invalid result at their edge.</summary>
internal sealed class PayloadException(string message) : Exception(message);
