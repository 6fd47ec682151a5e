namespace IntegrationHub.ProviderSim.Control;

internal sealed record UserRequest(string Provider, string Login);
