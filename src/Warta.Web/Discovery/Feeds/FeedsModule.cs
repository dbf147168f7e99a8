using Warta.Web.Shared;

namespace Warta.Web.Discovery.Feeds;

/// <summary>RSS 2.0 and Atom feeds of the site, each channel and each tag.</summary>
public static class FeedsModule
{
    public static void AddFeeds(this IServiceCollection services)
    {
        services.AddScoped<FeedStories>();
        services.AddSingleton<KeptBlock, FeedLinksBlock>();
    }

    public static void MapFeeds(this IEndpointRouteBuilder app)
    {
        Map(app, FeedRoutes.Rss, FeedRoutes.Atom, (stories, _) => stories.SiteAsync());
        Map(app, FeedRoutes.ChannelRss, FeedRoutes.ChannelAtom, (stories, slug) => stories.ChannelAsync(slug!));
        Map(app, FeedRoutes.TagRss, FeedRoutes.TagAtom, (stories, slug) => stories.TagAsync(slug!));
    }

    /// <summary>
    /// A feed is the same for every reader: the public text of each story, whoever asks. So every audience may share the
    /// stored copy. It is tagged with the story lists and each story it holds, so a publish, an unpublish or a correction evicts it.
    /// </summary>
    static readonly CachedPageAttribute Rule = new() { Audiences = [Audience.Anonymous, Audience.Metered, Audience.Reader, Audience.Entitled] };

    static void Map(IEndpointRouteBuilder app, string rss, string atom, Func<FeedStories, string?, Task<Feed?>> read)
    {
        app.MapRead(rss, (HttpContext http, FeedStories stories, SiteOptions site, TimeProvider clock, string? slug) =>
            RespondAsync(http, read(stories, slug), feed => (FeedXml.Rss(feed, site, clock.GetUtcNow()), FeedXml.RssType)))
            .WithMetadata(Rule).ExcludeFromDescription();
        app.MapRead(atom, (HttpContext http, FeedStories stories, SiteOptions site, TimeProvider clock, string? slug) =>
            RespondAsync(http, read(stories, slug), feed => (FeedXml.Atom(feed, site, clock.GetUtcNow()), FeedXml.AtomType)))
            .WithMetadata(Rule).ExcludeFromDescription();
    }

    static async Task<IResult> RespondAsync(HttpContext http, Task<Feed?> reading, Func<Feed, (byte[] Body, string Type)> write)
    {
        if (await reading is not { } feed) return TypedResults.NotFound();
        CacheTags.Tag(http, [.. feed.Entries.Select(e => CacheTags.Article(e.Id))]);
        var (body, type) = write(feed);
        return ConditionalGet.Document(http, body, type, feed.Updated);
    }
}
