namespace IntegrationHub.Tests.Connect;

/// <summary>A clock the test moves by hand, starting at the real now (so cookies and keys made now stay valid).</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
