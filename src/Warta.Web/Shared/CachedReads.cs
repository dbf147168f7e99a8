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
/// A change bumps the tag's generation, which is part of every key. HybridCache's own tag removal is not enough here:
/// a read that started before a change and finished after it would still be stored (HybridCache stamps it anew), and a
/// request after the change could join such a read in flight; with the generation in the key, neither is ever asked again.
/// </remarks>
public sealed class CachedReads
{
    const string Topic = "reads";
    readonly HybridCache _cache;
    readonly IServiceScopeFactory _scopes;
    readonly ChangeNotices _notices;
    readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);

    public CachedReads(HybridCache cache, IServiceScopeFactory scopes, ChangeNotices notices)
    {
        _cache = cache;
        _scopes = scopes;
        _notices = notices;
        notices.Listen(Topic, detail => ForgetHere(detail.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
    }

    /// <summary>
    /// The value kept for <paramref name="key"/> of <paramref name="tag"/>'s data, or what <paramref name="read"/> returns,
    /// kept for <paramref name="lifetime"/> at most. The read runs in a service scope of its own: other requests may wait on
    /// it, so it must not use the one that started it. Callers never change what they are given: it is shared.
    /// </summary>
    public async Task<T> GetOrReadAsync<T>(string tag, string key, TimeSpan lifetime, Func<IServiceProvider, Task<T>> read)
    {
        var generation = _generations.GetOrAdd(tag, 0);
        var kept = await _cache.GetOrCreateAsync($"{tag}@{generation}:{key}", (read, _scopes), static async (state, _) =>
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
            // A tag never read on this node has nothing to drop; leaving it out keeps one-off tags (a story's page) from piling up.
            while (_generations.TryGetValue(tag, out var generation) && !_generations.TryUpdate(tag, generation + 1, generation)) { }
        }
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
