using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// The hooks this web node has looked up, kept in memory so a delivery to a known hook costs no database read. Secrets
/// stay as stored (protected) and are decrypted on a kept hook's first delivery (<see cref="HookKeys"/>). Correct only because every change the
/// ingress could see is told to every node at once (migration 0033, <see cref="HookDirectoryListener"/>):
/// <list type="bullet">
/// <item>a hook's note drops that hook, a connection's note all of that connection's hooks; a note that cannot be read drops everything;</item>
/// <item>nothing is kept while the node is not listening (read-through), and (re)listening or losing the connection drops everything;</item>
/// <item>a read that began before any of these never stores its answer: it may be older than the note (the epoch check);</item>
/// <item>entries expire after <see cref="IngressOptions.HookDirectorySeconds"/> whatever happens, a bound on staleness
/// should a note ever be missed (a silently dead connection is noticed within the 30-second keep-alive).</item>
/// </list>
/// Bounded by <see cref="IngressOptions.HookDirectoryEntries"/>: when full, new hooks are read but not kept until expired
/// entries are swept. No eviction: it would need bookkeeping on every hit (the hot path, lock-free today), and a full
/// directory means more live hooks than it was sized for, which is a setting to raise, not a case to optimize.
/// </summary>
internal sealed class HookDirectory
{
    private readonly Func<Guid, CancellationToken, Task<IngressHook?>> _read;
    private readonly TimeProvider _clock;
    private readonly int _capacity;
    private readonly TimeSpan _ttl;
    private readonly ConcurrentDictionary<Guid, KeptHook> _entries = new();
    private readonly Lock _lock = new(); // writers only: stores, drops and the listening state; readers never take it
    private long _epoch;
    private bool _listening;
    private int _count;
    private DateTimeOffset _nextSweep;

    public HookDirectory(DeliveryInbox inbox, IOptions<IngressOptions> options, TimeProvider clock)
        : this(inbox.FindHookAsync, options.Value, clock)
    {
    }

    /// <summary>Over any reader (tests use a fake one).</summary>
    internal HookDirectory(Func<Guid, CancellationToken, Task<IngressHook?>> read, IngressOptions options, TimeProvider clock)
    {
        _read = read;
        _clock = clock;
        _capacity = Math.Max(0, options.HookDirectoryEntries);
        _ttl = TimeSpan.FromSeconds(Math.Max(0, options.HookDirectorySeconds));
    }

    /// <summary>True while change notes reach this node, so what it reads may be kept (tests wait for it).</summary>
    public bool Listening => Volatile.Read(ref _listening);

    /// <summary>How many hooks are kept now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Whether the hook is kept now (unexpired).</summary>
    public bool Holds(Guid hookId) => _entries.TryGetValue(hookId, out var entry) && entry.Expires > _clock.GetUtcNow();

    /// <summary>The hook from memory, or read (and kept, if nothing changed meanwhile); null when there is no such hook.</summary>
    public async Task<IngressHook?> FindAsync(Guid hookId, CancellationToken ct)
    {
        if (_entries.TryGetValue(hookId, out var entry) && entry.Expires > _clock.GetUtcNow())
        {
            return entry.Hook;
        }

        long epoch = Interlocked.Read(ref _epoch); // before the read starts: a note from now on makes its answer suspect
        var hook = await _read(hookId, ct);
        if (hook is not null)
        {
            Keep(hook, epoch);
        }

        return hook;
    }

    /// <summary>A change note from the database: <c>h:&lt;hook id&gt;</c> or <c>c:&lt;connection id&gt;</c> (<c>a:</c>, a GitHub App's, none here); anything else drops everything.</summary>
    public void Forget(string note)
    {
        lock (_lock)
        {
            _epoch++;
            if (note.Length > 2 && note[1] == ':' && Guid.TryParse(note.AsSpan(2), out var id))
            {
                if (note[0] == 'h')
                {
                    Drop(id);
                    return;
                }

                if (note[0] == 'c')
                {
                    // A scan, not an index: connection changes are rare (a status change, a delete), lookups are not.
                    foreach (var (hookId, entry) in _entries)
                    {
                        if (entry.Hook.ConnectionId == id)
                        {
                            Drop(hookId);
                        }
                    }

                    return;
                }

                if (note[0] == 'a')
                {
                    return; // a tenant GitHub App changed (migration 0040): no hook holds its secret, AppWebhookDirectory does
                }
            }

            DropAll();
        }
    }

    /// <summary>LISTEN is in place: what was missed meanwhile is unknown, so start empty and keep from now on.</summary>
    public void Listened() => SetListening(true);

    /// <summary>LISTEN is gone: notes no longer arrive, so keep nothing until it is back.</summary>
    public void Lost() => SetListening(false);

    private void SetListening(bool listening)
    {
        lock (_lock)
        {
            _epoch++;
            DropAll();
            Volatile.Write(ref _listening, listening);
        }
    }

    private void Keep(IngressHook hook, long epoch)
    {
        if (_capacity == 0 || _ttl <= TimeSpan.Zero)
        {
            return;
        }

        lock (_lock)
        {
            // Under the lock that notes take: no note can slip between this check and the store.
            if (!_listening || _epoch != epoch)
            {
                return;
            }

            var now = _clock.GetUtcNow();
            if (_count >= _capacity && !_entries.ContainsKey(hook.Id))
            {
                SweepExpired(now);
                if (_count >= _capacity)
                {
                    return;
                }
            }

            if (_entries.TryAdd(hook.Id, new KeptHook(hook, now + _ttl)))
            {
                _count++;
            }
            else
            {
                _entries[hook.Id] = new KeptHook(hook, now + _ttl); // an expired entry read again
            }
        }
    }

    /// <summary>Drops expired entries, at most four times per lifetime of an entry: a full directory must not scan on every miss.</summary>
    private void SweepExpired(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + _ttl / 4;
        foreach (var (hookId, entry) in _entries)
        {
            if (entry.Expires <= now)
            {
                Drop(hookId);
            }
        }
    }

    private void Drop(Guid hookId)
    {
        if (_entries.TryRemove(hookId, out _))
        {
            _count--;
        }
    }

    private void DropAll()
    {
        _entries.Clear();
        _count = 0;
    }

    private sealed record KeptHook(IngressHook Hook, DateTimeOffset Expires);
}
