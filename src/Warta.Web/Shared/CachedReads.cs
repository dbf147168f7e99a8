using System.Buffers;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Caching.Hybrid;

namespace Warta.Web.Shared;

/// <summary>
/// Reads kept in this node's memory until what they show changes: the lists on every reader page, the promos, the
/// courses, the ticker. Each read names the data it comes from (its tag); a change to that data drops every read of it,
/// here and, through <see cref="ChangeNotices"/>, on every other node. Concurrent misses of one key share one read
/// (HybridCache's stampede protection), so a change does not send every waiting request to the database at once.
/// </summary>
/// <remarks>
/// A change gives the tag a new generation, which is part of every key. HybridCache's own tag removal is not enough here:
/// a read that started before a change and finished after it would still be stored (HybridCache stamps it anew), and a
/// request after the change could join such a read in flight; with the generation in the key, neither is ever asked again.
/// Generations are numbered once per node and never handed out twice, so a tag's entry can be let go once it has been
/// unused for longer than anything read under it lives (a story's tag after its last read): read again, the tag gets a
/// generation no kept read or read in flight carries. So the table holds the tags in use, not every tag ever read.
/// </remarks>
public sealed class CachedReads
{
    const string Topic = "reads";
    readonly HybridCache _cache;
    readonly IServiceScopeFactory _scopes;
    readonly ChangeNotices _notices;
    /// <summary>How often unused tags are looked for.</summary>
    static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);
    readonly TimeProvider _clock;
    readonly ConcurrentDictionary<string, Generation> _generations = new(StringComparer.Ordinal);
    long _lastGeneration, _nextSweep;

    /// <summary>A tag's current generation, when it was last read under and the longest any read under it is kept.</summary>
    sealed class Generation(long number)
    {
        public readonly long Number = number;
        long _lastUsed, _longestLifetime;

        public void Use(long now, TimeSpan lifetime)
        {
            // Written only when it moves by a second or more: the lists' tag is read on every page, by every thread.
            if (now - Volatile.Read(ref _lastUsed) >= TimeSpan.TicksPerSecond) Volatile.Write(ref _lastUsed, now);
            var longest = Volatile.Read(ref _longestLifetime);
            while (lifetime.Ticks > longest && Interlocked.CompareExchange(ref _longestLifetime, lifetime.Ticks, longest) is var seen && seen != longest)
                longest = seen;
        }

        /// <summary>Whatever was read under it has expired by <paramref name="now"/> (a second's slack for the coarse last use).</summary>
        public bool Spent(long now) => now - Volatile.Read(ref _lastUsed) > Volatile.Read(ref _longestLifetime) + TimeSpan.TicksPerSecond;
    }

    public CachedReads(HybridCache cache, IServiceScopeFactory scopes, ChangeNotices notices, TimeProvider clock)
    {
        _cache = cache;
        _scopes = scopes;
        _notices = notices;
        _clock = clock;
        notices.Listen(Topic, detail => ForgetHere(detail.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
    }

    /// <summary>
    /// The value kept for <paramref name="key"/> of <paramref name="tag"/>'s data, or what <paramref name="read"/> returns,
    /// kept for <paramref name="lifetime"/> at most. The read runs in a service scope of its own: other requests may wait on
    /// it, so it must not use the one that started it. Callers never change what they are given: it is shared.
    /// </summary>
    public async Task<T> GetOrReadAsync<T>(string tag, string key, TimeSpan lifetime, Func<IServiceProvider, Task<T>> read)
    {
        var now = _clock.GetUtcNow().UtcTicks;
        Sweep(now);
        if (!_generations.TryGetValue(tag, out var generation)) generation = _generations.GetOrAdd(tag, NewGeneration());
        generation.Use(now, lifetime);
        var kept = await _cache.GetOrCreateAsync($"{tag}@{generation.Number}:{key}", (read, _scopes), static async (state, _) =>
        {
            await using var scope = state._scopes.CreateAsyncScope();
            return new Kept<T>(await state.read(scope.ServiceProvider));
        }, new HybridCacheEntryOptions
        {
            Expiration = lifetime, LocalCacheExpiration = lifetime,
            // Kept in this node's memory only: the values come from the shared database, and a change reaches every node by notice.
            Flags = HybridCacheEntryFlags.DisableDistributedCache,
        });
        return kept.Value;
    }

    /// <summary>Drops every read of <paramref name="tags"/> on this node and on every other.</summary>
    public void Forget(params string[] tags)
    {
        ForgetHere(tags);
        _notices.Announce(Topic, string.Join(' ', tags));
    }

    /// <summary>Drops every read of <paramref name="tags"/> on this node only (another node's change, announced by its own notice).</summary>
    public void ForgetHere(params string[] tags)
    {
        foreach (var tag in tags)
        {
            // A tag not in the table has nothing to drop: its next read gets a generation never used before anyway.
            while (_generations.TryGetValue(tag, out var generation) && !_generations.TryUpdate(tag, NewGeneration(), generation)) { }
        }
    }

    /// <summary>Whether this node keeps a generation for <paramref name="tag"/> (for tests and diagnostics).</summary>
    internal bool Tracks(string tag) => _generations.ContainsKey(tag);

    Generation NewGeneration() => new(Interlocked.Increment(ref _lastGeneration));

    /// <summary>At most once a <see cref="SweepEvery"/>: lets go of the tags whose reads have all expired.</summary>
    void Sweep(long now)
    {
        var due = Interlocked.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + SweepEvery.Ticks, due) != due) return;
        foreach (var (tag, generation) in _generations)
            if (generation.Spent(now)) _generations.TryRemove(new KeyValuePair<string, Generation>(tag, generation));
    }
}

public static class CachedReadsServices
{
    /// <summary>Cached reads, the blocks rendered from them, the page cache's evictions and the change notices that carry both to other nodes.</summary>
    public static IServiceCollection AddCachedReads(this IServiceCollection services)
    {
        services.AddHybridCache().AddSerializerFactory(new InMemoryOnly());
        services.AddSingleton<ChangeNotices>();
        services.AddSingleton<CachedReads>();
        services.AddSingleton<PageCache>();
        services.AddSingleton<KeptBlocks>();
        services.AddSingleton<KeptBlockIndex>();
        return services;
    }
}

/// <summary>
/// A read's value as the cache holds it: by reference, never copied. Marked immutable so HybridCache hands out the
/// one instance instead of a fresh copy per request; the readers above promise not to change it.
/// </summary>
[ImmutableObject(true)]
file sealed record Kept<T>(T Value);

/// <summary>Kept values live in memory only, so they are never turned into bytes (there is no second level to send them to).</summary>
file sealed class InMemoryOnly : IHybridCacheSerializerFactory
{
    public bool TryCreateSerializer<T>([NotNullWhen(true)] out IHybridCacheSerializer<T>? serializer)
    {
        serializer = typeof(T).IsGenericType && typeof(T).GetGenericTypeDefinition() == typeof(Kept<>) ? new NoBytes<T>() : null;
        return serializer is not null;
    }
}

file sealed class NoBytes<T> : IHybridCacheSerializer<T>
{
    public T Deserialize(ReadOnlySequence<byte> source) => throw new NotSupportedException("Cached reads are kept in memory only.");

    public void Serialize(T value, IBufferWriter<byte> target) { }
}
