namespace IntegrationHub.Tenancy;

/// <summary>A member (or a person without a tenant) asked for an owner's action; answered 403 by <see cref="OwnerOnlyMiddleware"/>.</summary>
public sealed class OwnerOnlyException() : InvalidOperationException(OwnerOnly.Message);
