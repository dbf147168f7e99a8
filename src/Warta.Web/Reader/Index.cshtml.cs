using Warta.Web.Content;
using Warta.Web.Shared;

namespace Warta.Web.Reader;

public sealed record ChannelBlock(ChannelLink Channel, IReadOnlyList<ArticleCard> Items);

[CachedPage("halaman")]
public sealed class HomeModel(StoryQueries queries, SiteOptions site) : SitePage
{
    public ArticleCard? Lead { get; private set; }
    public IReadOnlyList<ArticleCard> Top { get; private set; } = [];
    public IReadOnlyList<ChannelBlock> Blocks { get; private set; } = [];
    /// <summary>The publication and the site with its search, for search engines.</summary>
    public string JsonLd { get; private set; } = "";

    public async Task OnGetAsync()
    {
        var recent = await queries.HomeAsync();
        Lead = recent.FirstOrDefault(a => a.ImageId is not null && a.Kind == Warta.Web.Content.ArticleKind.News) ?? recent.FirstOrDefault();
        Top = recent.Where(a => a != Lead).Take(4).ToList();
        var shown = Top.Append(Lead).Where(a => a is not null).Select(a => a!.Id).ToHashSet();
        var blocks = new List<ChannelBlock>();
        foreach (var channel in await queries.ChannelsAsync())
        {
            var items = recent.Where(a => a.ChannelSlug == channel.Slug && !shown.Contains(a.Id)).Take(4).ToList();
            if (items.Count > 0) blocks.Add(new ChannelBlock(channel, items));
        }
        Blocks = blocks;
        JsonLd = StructuredData.HomeJson(site);
        Description = "Berita bisnis, keuangan, investasi dan pasar modal Indonesia.";
    }
}
