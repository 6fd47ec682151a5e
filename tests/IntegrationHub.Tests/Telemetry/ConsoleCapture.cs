namespace IntegrationHub.Tests.Telemetry;

/// <summary>
/// What the process writes to <see cref="Console.Out"/> while this lives: the console logger takes Console.Out when a host
/// builds it, so a node started after <see cref="Start"/> logs here in the format its settings choose (the hub's JSON
/// console formatter, not a copy of it). Process-wide: for the non-parallel <see cref="TelemetryCollection"/> only.
/// </summary>
internal sealed class ConsoleCapture : IDisposable
{
    private readonly TextWriter _previous = Console.Out;
    private readonly StringWriter _text = new();
    private readonly TextWriter _synced;

    private ConsoleCapture()
    {
        _synced = TextWriter.Synchronized(_text);
        Console.SetOut(_synced);
    }

    public static ConsoleCapture Start() => new();

    /// <summary>The lines written so far that are JSON objects (the simulator's own text lines are left out).</summary>
    public IReadOnlyList<string> JsonLines()
    {
        string all;
        // The synchronized writer locks on itself for every write.
        lock (_synced)
        {
            all = _text.ToString();
        }

        return [.. all.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith('{') && l.EndsWith('}'))];
    }

    public void Dispose() => Console.SetOut(_previous);
}
