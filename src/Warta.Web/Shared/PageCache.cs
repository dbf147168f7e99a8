using Microsoft.AspNetCore.OutputCaching;

namespace Warta.Web.Shared;

/// <summary>Output-cache tags. A page tags itself with what it shows; a change evicts exactly those tags.</summary>
public static class CacheTags
{
    /// <summary>Every page that shows lists of stories (Terbaru is on every reader page, so: every reader page).</summary>
    public const string Lists = "lists";
    public static string Article(Guid id) => "article:" + id.ToString("N");
}

/// <summary>Evicts cached pages when content changes; every write path calls it after its transaction commits.</summary>
public sealed class PageCache(IOutputCacheStore store, ContentVersion version, ILogger<PageCache> logger)
{
    public async Task EvictAsync(params string[] tags)
    {
        version.Bump();
        foreach (var tag in tags.Distinct())
        {
            try
            {
                await store.EvictByTagAsync(tag, CancellationToken.None);
            }
            catch (Exception e)
            {
                // A cache that cannot be reached must not fail a save that already committed; pages expire on their own.
                logger.LogWarning(e, "Could not evict cache tag {Tag}", tag);
            }
        }
    }

    /// <summary>Tags this page with what it shows, so a change to those evicts it.</summary>
    public static void Tag(HttpContext context, params string[] tags)
    {
        var feature = context.Features.Get<IOutputCacheFeature>();
        if (feature is null) return;
        foreach (var tag in tags) feature.Context.Tags.Add(tag);
    }
}

/// <summary>
/// Bumped whenever content changes; the in-memory caches (lists, promos, ticker, courses) key on it so they never outlive
/// a change. With Redis, a bump on one node is sent to every node.
/// </summary>
public sealed class ContentVersion : IDisposable
{
    long _value;
    readonly StackExchange.Redis.ISubscriber? _subscriber;
    readonly StackExchange.Redis.RedisChannel _channel;
    readonly string _origin = Guid.NewGuid().ToString("N");

    public ContentVersion(IServiceProvider services, IConfiguration configuration)
    {
        if (services.GetService<StackExchange.Redis.IConnectionMultiplexer>() is not { } redis) return;
        _channel = StackExchange.Redis.RedisChannel.Literal((configuration["Warta:RedisPrefix"] ?? "warta:") + "content-changed");
        _subscriber = redis.GetSubscriber();
        _subscriber.Subscribe(_channel, (_, message) =>
        {
            if (message != _origin) Interlocked.Increment(ref _value);
        });
    }

    public long Current => Interlocked.Read(ref _value);

    public void Bump()
    {
        Interlocked.Increment(ref _value);
        _subscriber?.Publish(_channel, _origin, StackExchange.Redis.CommandFlags.FireAndForget);
    }

    public void Dispose() => _subscriber?.Unsubscribe(_channel);
}
