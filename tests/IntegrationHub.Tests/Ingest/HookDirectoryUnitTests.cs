using IntegrationHub.Data;
using IntegrationHub.Tests.World;
using IntegrationHub.WebhookIntake;

namespace IntegrationHub.Tests.Ingest;

/// <summary>
/// The directory's own rules, over a fake reader and a manual clock: what it keeps, what a note drops, that a read overtaken
/// by a note never stores its answer, and its size cap.
/// </summary>
public sealed class HookDirectoryUnitTests
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private readonly Dictionary<Guid, IngressHook> _rows = [];
    private int _reads;
    private TaskCompletionSource? _gate;

    [Fact]
    public async Task A_read_overtaken_by_a_note_answers_but_is_not_kept()
    {
        var directory = Listening(new IngressOptions());
        var hook = Row(Guid.NewGuid());

        // The read is in flight (its answer is the row as it was) when the hook's note arrives.
        Assert.Same(hook, await FindOvertakenAsync(directory, hook.Id, () => directory.Forget("h:" + hook.Id)));
        Assert.False(directory.Holds(hook.Id));
        await directory.FindAsync(hook.Id, CancellationToken.None);
        await directory.FindAsync(hook.Id, CancellationToken.None);
        Assert.Equal(2, _reads); // the second read was kept: nothing overtook it
        Assert.True(directory.Holds(hook.Id));
    }

    [Fact]
    public async Task A_read_overtaken_by_a_lost_and_regained_listen_is_not_kept()
    {
        var directory = Listening(new IngressOptions());
        var hook = Row(Guid.NewGuid());

        await FindOvertakenAsync(directory, hook.Id, () =>
        {
            directory.Lost();
            directory.Listened();
        });

        Assert.False(directory.Holds(hook.Id));
    }

    [Fact]
    public async Task Nothing_is_kept_while_not_listening_and_everything_is_dropped_when_listening_is_lost()
    {
        var directory = new HookDirectory(ReadAsync, new IngressOptions(), _clock);
        var hook = Row(Guid.NewGuid());
        await directory.FindAsync(hook.Id, CancellationToken.None);
        Assert.False(directory.Holds(hook.Id));

        directory.Listened();
        await directory.FindAsync(hook.Id, CancellationToken.None);
        Assert.True(directory.Holds(hook.Id));
        directory.Lost();
        Assert.Equal(0, directory.Count);
        await directory.FindAsync(hook.Id, CancellationToken.None);
        Assert.False(directory.Holds(hook.Id));
    }

    [Fact]
    public async Task A_connection_note_drops_that_connections_hooks_only_and_an_unreadable_note_drops_all()
    {
        var directory = Listening(new IngressOptions());
        var connection = Guid.NewGuid();
        var a = Row(Guid.NewGuid(), connection);
        var b = Row(Guid.NewGuid(), connection);
        var other = Row(Guid.NewGuid());
        foreach (var hook in new[] { a, b, other })
        {
            await directory.FindAsync(hook.Id, CancellationToken.None);
        }

        directory.Forget("c:" + connection);
        Assert.False(directory.Holds(a.Id));
        Assert.False(directory.Holds(b.Id));
        Assert.True(directory.Holds(other.Id));
        Assert.Equal(1, directory.Count);

        directory.Forget("garbled");
        Assert.Equal(0, directory.Count);
    }

    [Fact]
    public async Task When_full_new_hooks_are_read_but_not_kept_until_kept_ones_expire()
    {
        var directory = Listening(new IngressOptions { HookDirectoryEntries = 2, HookDirectorySeconds = 300 });
        var a = Row(Guid.NewGuid());
        var b = Row(Guid.NewGuid());
        var c = Row(Guid.NewGuid());
        await directory.FindAsync(a.Id, CancellationToken.None);
        await directory.FindAsync(b.Id, CancellationToken.None);
        await directory.FindAsync(c.Id, CancellationToken.None);
        await directory.FindAsync(c.Id, CancellationToken.None);

        Assert.Equal(2, directory.Count);
        Assert.False(directory.Holds(c.Id));
        Assert.Equal(4, _reads); // c read twice: not kept

        // Expired entries are not used (read again) and make room once swept.
        _clock.Advance(TimeSpan.FromSeconds(301));
        Assert.False(directory.Holds(a.Id));
        await directory.FindAsync(c.Id, CancellationToken.None);
        Assert.True(directory.Holds(c.Id));
        Assert.Equal(1, directory.Count);
        await directory.FindAsync(a.Id, CancellationToken.None);
        Assert.Equal(6, _reads);
        Assert.Equal(2, directory.Count);
    }

    [Fact]
    public async Task An_unknown_hook_is_not_kept()
    {
        var directory = Listening(new IngressOptions());
        var id = Guid.NewGuid();

        Assert.Null(await directory.FindAsync(id, CancellationToken.None));
        Assert.Equal(0, directory.Count);
    }

    private HookDirectory Listening(IngressOptions options)
    {
        var directory = new HookDirectory(ReadAsync, options, _clock);
        directory.Listened();
        return directory;
    }

    /// <summary>A find whose read is held in flight while <paramref name="overtake"/> runs.</summary>
    private async Task<IngressHook?> FindOvertakenAsync(HookDirectory directory, Guid hookId, Action overtake)
    {
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var find = directory.FindAsync(hookId, CancellationToken.None);
        overtake();
        _gate.SetResult();
        var hook = await find;
        _gate = null;
        return hook;
    }

    private async Task<IngressHook?> ReadAsync(Guid id, CancellationToken ct)
    {
        Interlocked.Increment(ref _reads);
        var answer = _rows.GetValueOrDefault(id); // read now, answered after the gate: the row as it was when the read began
        if (_gate is { } gate)
        {
            await gate.Task.WaitAsync(ct);
        }

        return answer;
    }

    private IngressHook Row(Guid id, Guid? connectionId = null)
    {
        var hook = new IngressHook(id, Guid.NewGuid(), connectionId ?? Guid.NewGuid(), null, "github", HookStatus.Registered, ConnectionStatus.Active,
            new Hook { Id = id, Provider = "github", Url = string.Empty, SecretProtected = "protected" });
        _rows[id] = hook;
        return hook;
    }
}
