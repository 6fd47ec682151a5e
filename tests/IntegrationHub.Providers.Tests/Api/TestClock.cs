namespace IntegrationHub.Providers.Tests.Api;

/// <summary>A clock the test sets (Microsoft.Extensions.TimeProvider.Testing is not in our registry).</summary>
internal sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public TestClock() : this(Start)
    {
    }

    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
