using Microsoft.AspNetCore.OutputCaching;

namespace Warta.Web.Shared;

/// <summary>
/// Cache tags. A page tags itself with what it shows, and a cached read with the data it comes from; a change evicts
/// exactly those tags. Features name the tags of their own data beside the reads (for example the promos' and courses').
/// </summary>
public static class CacheTags
{
    /// <summary>
    /// Every page that shows lists of stories (Terbaru is on every reader page, so: every reader page), and the story
    /// lists, channels and counts read for them.
    /// </summary>
    public const string Lists = "lists";
    public static string Article(Guid id) => "article:" + id.ToString("N");

    /// <summary>Tags this page with what it shows, so a change to those evicts it.</summary>
    public static void Tag(HttpContext context, params string[] tags)
    {
        var feature = context.Features.Get<IOutputCacheFeature>();
        if (feature is null) return;
        foreach (var tag in tags) feature.Context.Tags.Add(tag);
    }
}

/// <summary>
/// Evicts the cached pages and reads that a committed change touches, on every node. Each feature's one writer calls
/// it after its transaction commits (a test holds every other type to that); nothing else evicts.
/// </summary>
public sealed class PageCache(IOutputCacheStore store, CachedReads reads, PageCopies copies, ILogger<PageCache> logger)
{
    public async Task EvictAsync(params string[] tags)
    {
        tags = tags.Distinct().ToArray();
        // The notice goes first: it is on its way to the other nodes while the shared page cache is emptied below.
        reads.Forget(tags);
        copies.Evict(tags);
        foreach (var tag in tags)
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
}
