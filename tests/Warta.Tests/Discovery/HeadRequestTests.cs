using System.Net;
using Warta.Tests.Infrastructure;
using Warta.Web.Discovery.Api;
using Warta.Web.Discovery.Feeds;
using Warta.Web.Discovery.Sitemaps;

namespace Warta.Tests.Discovery;

/// <summary>Crawlers, feed readers and link checkers ask HEAD first: every feed, sitemap and API address answers it like GET, without the body.</summary>
public class HeadRequestTests(DiscoveryFactory app) : IClassFixture<DiscoveryFactory>
{
    public static TheoryData<string> Addresses() =>
    [
        FeedRoutes.Rss, FeedRoutes.Atom, FeedRoutes.ChannelRssOf("ekonomi"), FeedRoutes.ChannelAtomOf("ekonomi"),
        FeedRoutes.TagRssOf("rupiah"), FeedRoutes.TagAtomOf("rupiah"),
        SitemapRoutes.Robots, SitemapRoutes.Index, SitemapRoutes.News, SitemapRoutes.PagesOf(), SitemapRoutes.MonthOf(2023, 5),
        ContentApiRoutes.Articles, ContentApiRoutes.Channels, ContentApiRoutes.Tags, ContentApiRoutes.Authors, ContentApiRoutes.Instruments,
        ContentApiRoutes.Document,
    ];

    [Theory]
    [MemberData(nameof(Addresses))]
    public async Task HEAD_answers_like_GET_without_a_body(string address)
    {
        var api = await app.NewsroomAsync();
        await api.PublishAsync(NewsroomApi.Story($"Rupiah Menguat Tipis {Guid.NewGuid():N}"));
        var client = app.CreateClient();

        var get = await client.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, address));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task HEAD_of_a_missing_feed_is_404_and_of_an_unknown_parameter_is_400()
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, FeedRoutes.ChannelRssOf("tidak-ada")))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, ContentApiRoutes.Articles + "?chanel=ekonomi"))).StatusCode);
    }
}
