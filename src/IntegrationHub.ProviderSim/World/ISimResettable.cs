namespace IntegrationHub.ProviderSim.World;

/// <summary>
/// State a provider folder keeps outside <see cref="SimStore"/> and <see cref="TokenStore"/> (GitHub Apps and their
/// installations): <c>POST /_sim/reset</c> clears every registered one, so the control API need not name the provider.
/// </summary>
internal interface ISimResettable
{
    void Reset();
}
