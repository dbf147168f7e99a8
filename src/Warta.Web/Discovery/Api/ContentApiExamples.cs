using System.Text.Json;
using System.Text.Json.Nodes;
using Warta.Web.Content;
using Warta.Web.Shared;

namespace Warta.Web.Discovery.Api;

/// <summary>The examples in the API description: built from the API's own types, so an example cannot name a field that is gone.</summary>
public static class ContentApiExamples
{
    static readonly TimeSpan Wib = TimeSpan.FromHours(7);
    public const string ArticleSlug = "rupiah-menguat-di-awal-pekan";

    public static JsonNode? For(string operationId, SiteOptions site, JsonSerializerOptions json)
    {
        var channel = new ChannelItem("ekonomi", "Ekonomi", site.Absolute(ChannelLinks.UrlOf("ekonomi")));
        var tag = new TagItem("rupiah", "Rupiah", site.Absolute(TagLinks.UrlOf("rupiah")));
        var author = new AuthorItem("dewi-lestari", "Dewi Lestari", null, site.Absolute(AuthorLinks.UrlOf("dewi-lestari")));
        var article = new ArticleItem(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), ArticleSlug,
            site.Absolute(StoryLinks.UrlOf(ArticleSlug)), "Rupiah Menguat di Awal Pekan",
            "Rupiah dibuka menguat terhadap dolar AS pada perdagangan Senin pagi.", "news", channel, [tag], [author], null,
            new ImageItem(site.Absolute(MediaUrls.UrlOf(Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7"))), 1024, 576, "Petugas menghitung uang rupiah.", "WARTA/Agus", "Uang rupiah"),
            new DateTimeOffset(2023, 5, 8, 9, 15, 0, Wib), null, false, false,
            "<p>Rupiah dibuka menguat terhadap dolar AS pada perdagangan Senin pagi.</p><p>Penguatan ini ditopang data inflasi.</p>");
        if (operationId == "ContentArticles")
            return new JsonObject
            {
                ["items"] = new JsonArray(ArticleFields.Select(article, ArticleFields.ListDefault, json)),
                ["nextCursor"] = new ArticleCursor(article.PublishedAt, article.Id).ToString(),
            };
        object? example = operationId switch
        {
            "ContentArticle" => article,
            "ContentChannels" => new List<ChannelItem> { channel },
            "ContentTags" => new TagList([tag], new SlugCursor(tag.Slug).ToString()),
            "ContentAuthors" => new AuthorList([author], new SlugCursor(author.Slug).ToString()),
            "ContentInstruments" => new List<InstrumentItem>
            {
                new("LQ45", "LQ45", "index", null, 2, site.Absolute(InstrumentLinks.UrlOfSymbol("LQ45")),
                    new QuoteItem(909.31m, new DateTimeOffset(2023, 5, 8, 15, 0, 0, Wib), 901.40m, 7.91m, 0.88m)),
            },
            _ => null,
        };
        return example is null ? null : JsonSerializer.SerializeToNode(example, json);
    }
}
